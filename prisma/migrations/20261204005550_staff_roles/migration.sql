-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('SUPPORT', 'OPERATOR', 'OWNER');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "staffRole" "StaffRole";


-- Staff from before roles keep what they could do: everything.
UPDATE "User" SET "staffRole" = 'OWNER' WHERE "isPlatformStaff";
