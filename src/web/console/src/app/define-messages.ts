/** A feature's strings: Chinese first; the English must have exactly the same keys. */
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: Record<keyof Z, string>) {
  return { zh, en };
}
