/**
 * Resolves to the work's result if it is ready within `ms`, else to undefined: the moment an
 * adapter acknowledges (Discord defers, Telegram says it is working) and delivers the result later.
 */
export async function readyWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
