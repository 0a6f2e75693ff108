/* kztext tokens: the sentence streamer of cmd_sentences.c, printing each
 * sentence's word tokens (kztext_tokens()) instead of its text. */
#include "cli.h"
#include "commands.h"

int cmd_tokens(int argc, char **argv) { return cmd_segment_common(argc, argv, 1); }
