#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"pactgraph: news articles in, a source-linked graph of tech alliances out"};
  app.require_subcommand(1);
  int exit_code = 0;
  pactgraph::cli::AddExtractCommand(app, &exit_code);
  pactgraph::cli::AddIngestCommand(app, &exit_code);
  pactgraph::cli::AddQueryCommand(app, &exit_code);
  pactgraph::cli::AddExportCommand(app, &exit_code);
  pactgraph::cli::AddEvalHtmlCommand(app, &exit_code);
  pactgraph::cli::AddEvalNerCommand(app, &exit_code);
  pactgraph::cli::AddEvalTimexCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
