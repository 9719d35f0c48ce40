import { newReference, referencePattern, sampleReference } from "../reference.ts";

/** A need's reference such as N-7K3P9. */
export const newNeedReference = (): string => newReference("N");
/** one as long as every need's, for measuring a text that will hold one */
export const SAMPLE_NEED_REFERENCE = sampleReference("N");

export const NEED_REFERENCE = referencePattern("N");
