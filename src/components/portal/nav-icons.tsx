"use client";

import { AudioLinesIcon, HeadsetIcon, ListOrderedIcon, MonitorIcon, ContactRoundIcon, BookUserIcon, BugIcon, FileTextIcon, InboxIcon, MailCheckIcon, MessageCircleIcon, MessageSquareTextIcon, UsersRoundIcon, VoicemailIcon, WorkflowIcon } from "lucide-react";

// Navigation icons of portal pages, rendered from a client module: the portal layout's production build failed to
// hydrate (React error #306) when it imported icons that no client module of the shell imported itself.

export function VoicemailNavIcon() {
  return <VoicemailIcon />;
}

export function DebuggerNavIcon() {
  return <BugIcon />;
}

export function SpeechNavIcon() {
  return <AudioLinesIcon />;
}

export function ConferencesNavIcon() {
  return <UsersRoundIcon />;
}

export function TemplatesNavIcon() {
  return <FileTextIcon />;
}

export function SendingDomainsNavIcon() {
  return <MailCheckIcon />;
}

export function MessagesNavIcon() {
  return <MessageSquareTextIcon />;
}

export function ContactsNavIcon() {
  return <BookUserIcon />;
}

export function AutomationNavIcon() {
  return <WorkflowIcon />;
}

export function InboxNavIcon() {
  return <InboxIcon />;
}

export function ChannelsNavIcon() {
  return <MessageCircleIcon />;
}

export function QueuesNavIcon() {
  return <ListOrderedIcon />;
}

export function AgentsNavIcon() {
  return <HeadsetIcon />;
}

export function WallboardNavIcon() {
  return <MonitorIcon />;
}

export function ContactCentreNavIcon() {
  return <ContactRoundIcon />;
}
