/* The subcommands; each lives in its own cli/cmd_NAME.c. */
#ifndef KZTEXT_CLI_COMMANDS_H
#define KZTEXT_CLI_COMMANDS_H

int cmd_process(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_sentences(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
/* Shared by sentences and tokens (cli/cmd_sentences.c). */
int cmd_segment_common(int argc, char **argv, int tokens);
int cmd_detect(int argc, char **argv);
int cmd_translit(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_namekey(int argc, char **argv);

#endif
