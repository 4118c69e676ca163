/**
 * Features that must answer even when one part of them fails (a hover, one family of quick fixes)
 * catch the error and answer without that part. They report what they caught here, so that the
 * server can log it and the fuzz tests can fail on it: an error swallowed is still a bug.
 */
export type InternalErrorHandler = (feature: string, error: unknown) => void;

export const ignoreInternalErrors: InternalErrorHandler = () => undefined;
