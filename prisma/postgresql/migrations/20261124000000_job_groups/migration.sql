-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "groupKey" TEXT;

-- CreateIndex
CREATE INDEX "Job_status_name_groupKey_idx" ON "Job"("status", "name", "groupKey");

