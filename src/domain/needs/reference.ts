import { newReference, referencePattern } from "../reference.ts";

/** A need's reference such as N-7K3P9. */
export const newNeedReference = (): string => newReference("N");

export const NEED_REFERENCE = referencePattern("N");
