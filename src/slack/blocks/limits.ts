/** Slack's Block Kit limits in one table (api.slack.com/reference/block-kit). Invalid blocks fail the whole post. */
export const BLOCK_LIMITS = {
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** `text` of a section block. */
  sectionText: 3000,
  /** Fields in a section block, and characters per field. */
  sectionFields: 10,
  sectionFieldText: 2000,
  /** `text` of a header block (plain text). */
  headerText: 150,
  /** Elements in a context block, and characters per text element. */
  contextElements: 10,
  contextText: 2000,
  /** Elements in an actions block. */
  actionElements: 25,
  /** Button label (plain text) and value. */
  buttonText: 75,
  buttonValue: 2000,
  /** `action_id` and `block_id`. */
  actionId: 255,
  /** Top-level fallback `text` of a message. */
  messageText: 40000,
} as const;
