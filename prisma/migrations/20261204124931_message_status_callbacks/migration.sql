-- AlterTable
ALTER TABLE "CallbackDelivery" ADD COLUMN     "messageId" TEXT,
ALTER COLUMN "callId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "CallbackDelivery_messageId_sequence_idx" ON "CallbackDelivery"("messageId", "sequence");

-- AddForeignKey
ALTER TABLE "CallbackDelivery" ADD CONSTRAINT "CallbackDelivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A callback reports on a call or a message, never both or neither.
ALTER TABLE "CallbackDelivery" ADD CONSTRAINT "CallbackDelivery_subject_check" CHECK (("callId" IS NULL) <> ("messageId" IS NULL));
