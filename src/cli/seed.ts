// npm run seed: loads the demo data shipped in prisma/seed/ (fictional organisations, Greece demo).
import { importPartnerFiles } from "./partner-files.ts";

process.exitCode = await importPartnerFiles(["prisma/seed/partners.csv"]);
