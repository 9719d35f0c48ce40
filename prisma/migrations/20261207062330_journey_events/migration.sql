BEGIN;

-- CreateEnum
CREATE TYPE "JourneyKind" AS ENUM ('reached', 'asked', 'answered', 'retried', 'handoff', 'outcome', 'left');

-- CreateTable
CREATE TABLE "JourneyNode" (
    "id" SERIAL NOT NULL,
    "flow" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "JourneyNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contactId" INTEGER,
    "nodeId" INTEGER NOT NULL,
    "kind" "JourneyKind" NOT NULL,
    "language" TEXT,
    "channel" TEXT NOT NULL,
    "waitedSeconds" INTEGER,

    CONSTRAINT "JourneyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyDaily" (
    "day" DATE NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "kind" "JourneyKind" NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "JourneyDaily_pkey" PRIMARY KEY ("day","nodeId","kind","language","channel")
);

-- CreateIndex
CREATE UNIQUE INDEX "JourneyNode_flow_node_outcome_key" ON "JourneyNode"("flow", "node", "outcome");

-- CreateIndex
CREATE INDEX "JourneyEvent_at_idx" ON "JourneyEvent" USING BRIN ("at");

-- CreateIndex
CREATE INDEX "JourneyEvent_contactId_idx" ON "JourneyEvent"("contactId");

-- CreateIndex
CREATE INDEX "Message_inbound_idx" ON "Message"("createdAt", "contactId") WHERE (direction = 'in'::text);

-- CreateIndex
CREATE INDEX "Message_staff_replies_idx" ON "Message"("contactId", "createdAt") WHERE ("staffUserId" IS NOT NULL);

-- AddForeignKey
ALTER TABLE "JourneyDaily" ADD CONSTRAINT "JourneyDaily_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "JourneyNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

COMMIT;
