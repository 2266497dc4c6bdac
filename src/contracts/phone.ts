/*
 * The shapes of phone numbers, without zod: the schemas build on them and the console's forms
 * check the same patterns before sending.
 */

/** A mainland mobile or landline as typed: digits, spaces, dashes, an optional leading +; 7–20 characters. */
export const phonePattern = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

/** A mainland mobile number, 11 digits (what an SMS code can be sent to). */
export const mobilePattern = /^1[3-9][0-9]{9}$/;
