// Every subcommand of the pactgraph program registers itself on the CLI11
// app; its callback stores the process exit status in *exit_code.
// One file per command: cli/<name>_command.cc.
#ifndef PACTGRAPH_CLI_COMMANDS_H_
#define PACTGRAPH_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace pactgraph::cli {

void AddExtractCommand(CLI::App& app, int* exit_code);
void AddEvalHtmlCommand(CLI::App& app, int* exit_code);
void AddEvalNerCommand(CLI::App& app, int* exit_code);
void AddEvalTimexCommand(CLI::App& app, int* exit_code);
void AddIngestCommand(CLI::App& app, int* exit_code);
void AddQueryCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);

}  // namespace pactgraph::cli

#endif  // PACTGRAPH_CLI_COMMANDS_H_
