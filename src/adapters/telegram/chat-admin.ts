import type { Api } from 'grammy';

export interface ChatRef {
  id: number;
  type: string;
}

/** Who acts: a user, or a chat posting as itself (a channel's own post, a group's anonymous admin). */
export interface Actor {
  userId?: number;
  senderChatId?: number;
}

/**
 * Only chat administrators may change a group's or channel's subscriptions; in a private chat, the
 * user owns it. Asked of Telegram (getChatMember) for every command or click that needs it, so a
 * demoted admin loses the right at once.
 */
export async function canManageChat(api: Api, chat: ChatRef, actor: Actor): Promise<boolean> {
  if (chat.type === 'private') return true;
  // Posting as the chat itself is something only its admins can do.
  if (actor.senderChatId !== undefined) return actor.senderChatId === chat.id;
  if (actor.userId === undefined) return false;
  const member = await api.getChatMember(chat.id, actor.userId);
  return member.status === 'creator' || member.status === 'administrator';
}
