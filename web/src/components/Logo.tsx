// The Qingshan mark: green mountains under a morning sun.
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#0e7c66" />
      <path d="M6 50 L24 22 L34 36 L42 26 L58 50 Z" fill="#bff0d9" />
      <path d="M6 50 L24 22 L31 33 L20 50 Z" fill="#e8fbf1" />
      <circle cx="46" cy="16" r="5" fill="#ffe08a" />
    </svg>
  );
}
