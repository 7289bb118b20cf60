/** Models served by one replica, versions loaded in it at once, labels of one model's classes. */
export const MODEL = { maxValues: 32 } as const;
export const VERSION = { maxValues: 100 } as const;
export const LABEL = { maxValues: 200 } as const;
