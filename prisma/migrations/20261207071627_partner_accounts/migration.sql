BEGIN;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "partnerId" INTEGER;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- the partner role follows up its own partner's referrals (the list in code: ROLES in src/domain/roles.ts)
ALTER TABLE "StaffUser" DROP CONSTRAINT "StaffUser_role_check";
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_role_check"
  CHECK (role IN ('admin', 'caseworker', 'analyst', 'editor', 'protection', 'broadcaster', 'partner'));

-- a partner account belongs to one partner, and no other account belongs to any
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_partner_check"
  CHECK ((role = 'partner') = ("partnerId" IS NOT NULL));

COMMIT;
