/**
 * A 包保责任人's phone: a mainland mobile number, or a landline with its area code (0827-5261234 in
 * 巴中), optionally with an extension. Shared by the API's validation and the web form.
 */
export const PHONE_PATTERN = '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?)$';
