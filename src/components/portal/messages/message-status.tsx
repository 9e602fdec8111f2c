import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { MessageStatus } from "@/components/portal/messages/types";

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = {
  QUEUED: "Queued",
  SENDING: "Sending",
  SENT: "Sent",
  DELIVERED: "Delivered",
  UNDELIVERED: "Undelivered",
  FAILED: "Failed",
  READ: "Read",
  RECEIVED: "Received",
};

const VARIANT: Record<MessageStatus, NonNullable<BadgeProps["variant"]>> = {
  QUEUED: "secondary",
  SENDING: "info",
  SENT: "default",
  DELIVERED: "success",
  UNDELIVERED: "warning",
  FAILED: "destructive",
  READ: "success",
  RECEIVED: "info",
};

export const MESSAGE_STATUSES = Object.keys(MESSAGE_STATUS_LABEL) as MessageStatus[];

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {MESSAGE_STATUS_LABEL[status]}
    </Badge>
  );
}
