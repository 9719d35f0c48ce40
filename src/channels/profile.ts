// What the rest of the help line needs to know about a channel, as data (chatwoot's message window
// service: the channel type gives the window; "may we write now?" is the only question asked of it).

export const CHANNELS = ["sms", "whatsapp"] as const;
export type Channel = (typeof CHANNELS)[number];
/** a stored channel name (the database keeps a string) as a Channel */
export const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

export interface ChannelProfile {
  /**
   * how long after the person's last message we may still write freely;
   * undefined: always (SMS). Past it only an approved template may go.
   */
  replyWindowMs: number | undefined;
  /** the texts' shorter variant this channel reads (`key_sms`, an i18next context), or none */
  textVariant: string | undefined;
  /** a question's choices may go as buttons or a list (WhatsApp's interactive messages), not only numbered lines */
  interactiveMenus: boolean;
}

/** WhatsApp lets a business write free text only within 24 hours of the person's last message. */
const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export const CHANNEL_PROFILES: Readonly<Record<Channel, ChannelProfile>> = {
  // an SMS is paid by the 160 characters: texts with a shorter variant use it
  sms: { replyWindowMs: undefined, textVariant: "sms", interactiveMenus: false },
  whatsapp: { replyWindowMs: WHATSAPP_WINDOW_MS, textVariant: undefined, interactiveMenus: true },
};

/** The texts' variant for a channel (`undefined`: the full texts). */
export const textVariant = (channel: Channel): string | undefined => CHANNEL_PROFILES[channel].textVariant;

/** Whether replies on this channel carry a question's choices as data (WhatsApp, unless WHATSAPP_MENUS=numbered). */
export const carriesMenus = (channel: Channel, menusOn: boolean): boolean =>
  CHANNEL_PROFILES[channel].interactiveMenus && menusOn;

/** Whether free text may go to the person now, given when they last wrote (null: never). */
export function windowOpen(channel: Channel, lastInboundAt: Date | null, now: Date): boolean {
  const { replyWindowMs } = CHANNEL_PROFILES[channel];
  if (replyWindowMs === undefined) return true;
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < replyWindowMs;
}
