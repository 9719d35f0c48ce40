import type { Config } from "../config.ts";
import type { IdLabels } from "../domain/id-labels.ts";
import { createTexts, readLocales } from "../i18n/texts.ts";
import { staffLabels } from "../staff/labels.ts";

/** Area and service names as the staff app and the HSDS API give them (English), for the HSDS commands. */
export const directoryLabels = (config: Config): IdLabels =>
  staffLabels(createTexts(readLocales(config.LOCALES_DIR), config.DEFAULT_LANGUAGE), config.timeZone);
