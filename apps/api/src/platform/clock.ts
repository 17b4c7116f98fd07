/** The time source services use; tests pass a controllable one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
