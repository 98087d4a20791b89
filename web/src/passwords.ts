// Client-side password rules (the server checks them too):
// at least 10 characters, letters and digits, different from the old one.
export interface PasswordChecks {
  length: boolean;
  letters: boolean;
  digits: boolean;
  differs: boolean;
}

export const MIN_PASSWORD_LENGTH = 10;

export function passwordChecks(password: string, oldPassword = ''): PasswordChecks {
  return {
    length: [...password].length >= MIN_PASSWORD_LENGTH,
    letters: /\p{L}/u.test(password),
    digits: /\p{Nd}/u.test(password),
    differs: password !== oldPassword,
  };
}

export function passwordAcceptable(password: string, oldPassword = ''): boolean {
  const c = passwordChecks(password, oldPassword);
  return c.length && c.letters && c.digits && c.differs;
}
