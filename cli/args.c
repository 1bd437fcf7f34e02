/* Parsing the command line into cli_args, then into load options. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "term_text.h"
#include "utc.h"

/* Says "nativecerts: MESSAGE[ARG]" and how to get help. */
static int usage_error(const char *message, const char *arg)
{
    fputs("nativecerts: ", stderr);
    fputs(message, stderr);
    if (arg) term_put(stderr, arg);
    fputs("\ntry 'nativecerts --help'\n", stderr);
    return EXIT_USAGE;
}

static int command_of(const char *word, cli_command *out)
{
    static const struct {
        const char *name;
        cli_command command;
    } commands[] = {{"list", CMD_LIST}, {"export", CMD_EXPORT}, {"sources", CMD_SOURCES}};
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(word, commands[i].name) == 0) {
            *out = commands[i].command;
            return 0;
        }
    }
    return -1;
}

/* Splits "--name=value"; *value is NULL without '='. Returns the length of the name. */
static size_t option_name(const char *arg, const char **value)
{
    const char *eq = strchr(arg, '=');
    *value = eq ? eq + 1 : NULL;
    return eq ? (size_t)(eq - arg) : strlen(arg);
}

static int is_option(const char *arg, size_t len, const char *name)
{
    return strlen(name) == len && strncmp(arg, name, len) == 0;
}

/* The value of an option at argv[*i]: after '=', or the next argument. */
static const char *take_value(int argc, char **argv, int *i, const char *inline_value)
{
    if (inline_value) return inline_value;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

/* One option at argv[*i], for the command in a->command. Returns 0, or EXIT_USAGE (said why). */
static int parse_option(int argc, char **argv, int *i, cli_args *a)
{
    const char *arg = argv[*i], *inline_value;
    size_t len = option_name(arg, &inline_value);
    cli_command c = a->command;

    /* Flags: no value. */
    struct {
        const char *name;
        int *flag;
        int allowed;
    } flags[] = {
        {"--json", &a->json, c == CMD_LIST || c == CMD_SOURCES},
        {"--no-env", &a->no_env, 1},
        {"--no-platform", &a->no_platform, 1},
        {"--skip-expired", &a->skip_expired, 1},
    };
    for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
        if (!is_option(arg, len, flags[k].name)) continue;
        if (!flags[k].allowed) return usage_error("this command has no option ", arg);
        if (inline_value) return usage_error("this option takes no value: ", arg);
        *flags[k].flag = 1;
        return 0;
    }

    static const char *const valued[] = {"--root", "--os",     "--file",  "--dir",
                                         "--at",   "--format", "--output"};
    const char *name = NULL;
    for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]) && !name; k++)
        if (is_option(arg, len, valued[k])) name = valued[k];
    if (!name) return usage_error("unknown option: ", arg);
    if ((!strcmp(name, "--format") || !strcmp(name, "--output")) && c != CMD_EXPORT)
        return usage_error("only export takes ", name);
    const char *v = take_value(argc, argv, i, inline_value);
    if (!v) return usage_error("missing value after ", name);

    if (!strcmp(name, "--root")) {
        a->root = v;
    } else if (!strcmp(name, "--os")) {
        a->profile = v;
    } else if (!strcmp(name, "--file") || !strcmp(name, "--dir")) {
        a->paths[a->npaths].path = v;
        a->paths[a->npaths++].is_dir = name[2] == 'd';
    } else if (!strcmp(name, "--at")) {
        if (utc_parse(v, &a->at) != 0)
            return usage_error("--at wants YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC), not: ", v);
        a->has_at = 1;
    } else if (!strcmp(name, "--format")) {
        if (!strcmp(v, "pem"))
            a->format = FORMAT_PEM;
        else if (!strcmp(v, "der"))
            a->format = FORMAT_DER;
        else if (!strcmp(v, "openssl-dir"))
            a->format = FORMAT_OPENSSL_DIR;
        else
            return usage_error("--format is pem, der or openssl-dir, not: ", v);
    } else {
        a->output = v;
    }
    return 0;
}

int args_parse(int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof(*a));
    a->paths = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*a->paths));
    if (!a->paths) return usage_error("out of memory", NULL);
    if (argc < 2) {
        help_overview(stderr);
        return EXIT_USAGE;
    }
    const char *first = argv[1];
    if (!strcmp(first, "--version")) {
        a->command = CMD_VERSION;
        return argc == 2 ? 0 : usage_error("--version takes no arguments", NULL);
    }
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "help")) {
        a->command = CMD_HELP;
        if (argc > 3) return usage_error("help takes one command name", NULL);
        if (argc == 3) {
            cli_command topic;
            if (command_of(argv[2], &topic) != 0) return usage_error("no such command: ", argv[2]);
            a->help_topic = argv[2];
        }
        return 0;
    }
    if (command_of(first, &a->command) != 0) {
        if (first[0] == '-') return usage_error("a command comes first, not: ", first);
        return usage_error("unknown command: ", first);
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            a->help_topic = first;
            a->command = CMD_HELP;
            return 0;
        }
        if (argv[i][0] != '-') return usage_error("unexpected argument: ", argv[i]);
        int rc = parse_option(argc, argv, &i, a);
        if (rc) return rc;
    }
    if (a->command == CMD_EXPORT && a->format == FORMAT_DER && !a->output)
        return usage_error("export --format der needs --output DIR", NULL);
    if (a->command == CMD_EXPORT && a->format == FORMAT_OPENSSL_DIR && !a->output)
        return usage_error("export --format openssl-dir needs --output DIR", NULL);
    if (a->no_platform && a->npaths == 0)
        return usage_error("--no-platform loads only --file and --dir, and none was given", NULL);
    return 0;
}

void args_free(cli_args *a)
{
    free(a->paths);
    a->paths = NULL;
}

nativecerts_options *args_options(const cli_args *a)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) {
        fputs("nativecerts: out of memory\n", stderr);
        return NULL;
    }
    int rc = 0;
    if (a->profile && nativecerts_options_set_profile(o, a->profile) != NATIVECERTS_OK) {
        fputs("nativecerts: unknown --os profile: ", stderr);
        term_put(stderr, a->profile);
        fputs("\nknown profiles:", stderr);
        for (size_t i = 0; nativecerts_profile_name(i); i++)
            fprintf(stderr, " %s", nativecerts_profile_name(i));
        fputc('\n', stderr);
        nativecerts_options_free(o);
        return NULL;
    }
    for (size_t i = 0; i < a->npaths && rc == 0; i++)
        rc = a->paths[i].is_dir ? nativecerts_options_add_dir(o, a->paths[i].path)
                                : nativecerts_options_add_file(o, a->paths[i].path);
    /* Under --root the library never reads the variables: only --no-env to pass on. */
    if (rc == 0 && a->root) rc = nativecerts_options_set_root(o, a->root);
    if (rc == 0) rc = nativecerts_options_set_ignore_env(o, a->no_env);
    if (rc == 0) rc = nativecerts_options_set_skip_platform(o, a->no_platform);
    if (rc == 0) rc = nativecerts_options_set_skip_expired(o, a->skip_expired || a->has_at);
    if (rc == 0 && a->has_at) rc = nativecerts_options_set_time(o, a->at);
    if (rc != 0) {
        fputs(rc == NATIVECERTS_ENOMEM ? "nativecerts: out of memory\n"
                                       : "nativecerts: invalid selection\n",
              stderr);
        nativecerts_options_free(o);
        return NULL;
    }
    return o;
}
