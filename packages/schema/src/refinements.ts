import type * as z from 'zod';

/** Reports every item whose `key` repeats an earlier item's, at `[index, 'key']`. */
export const uniqueKeys =
  (what: string) =>
  (items: readonly { key: string }[], ctx: z.RefinementCtx): void => {
    const first = new Map<string, number>();
    items.forEach(({ key }, i) => {
      const seen = first.get(key);
      if (seen === undefined) first.set(key, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate ${what} key "${key}" (first used at index ${seen})`, input: key });
    });
  };

/** Reports `endAt` when it is not after `startAt`. */
export const datesInOrder = (item: { startAt?: string | undefined; endAt?: string | undefined }, ctx: z.RefinementCtx): void => {
  if (item.startAt === undefined || item.endAt === undefined) return;
  if (Date.parse(item.startAt) >= Date.parse(item.endAt))
    ctx.addIssue({ code: 'custom', path: ['endAt'], message: `endAt (${item.endAt}) must be after startAt (${item.startAt})`, input: item.endAt });
};
