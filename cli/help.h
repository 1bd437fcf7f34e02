/* The command's help texts. */
#ifndef NC_CLI_HELP_H
#define NC_CLI_HELP_H

#include <stdio.h>

/* Usage of every command and of the selection options. */
void help_overview(FILE *f);

/* Help for one command ("list", "export", "sources"); the overview for NULL. */
void help_command(FILE *f, const char *command);

#endif
