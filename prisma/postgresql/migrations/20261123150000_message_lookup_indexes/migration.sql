-- CreateIndex
CREATE INDEX "Message_inReplyTo_idx" ON "Message"("inReplyTo");

-- CreateIndex
CREATE INDEX "Message_processedAt_createdAt_idx" ON "Message"("processedAt", "createdAt");

