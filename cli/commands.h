/* The subcommands; each lives in its own cli/cmd_NAME.c. */
#ifndef KZTEXT_CLI_COMMANDS_H
#define KZTEXT_CLI_COMMANDS_H

int cmd_normalize(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_case(int argc, char **argv);

#endif
