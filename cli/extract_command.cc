#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "input/reader.h"
#include "pactgraph/extractor.h"

namespace pactgraph::cli {
namespace {

struct ExtractFlags {
  std::vector<std::string> paths;
  bool text = false;
  std::string data_dir;
};

int RunExtract(const ExtractFlags& flags) {
  ExtractorOptions opts;
  opts.data_dir = flags.data_dir;
  opts.keep_text = flags.text;
  auto extractor = Extractor::Create(opts);
  if (!extractor.ok()) {
    std::cerr << "pactgraph: " << extractor.status().ToString() << "\n";
    return 2;
  }
  std::vector<std::string> paths = flags.paths.empty() ? std::vector<std::string>{"-"} : flags.paths;
  size_t failed = 0;
  auto report = [&](const Status& st) {
    ++failed;
    std::cerr << "pactgraph extract: " << st.message() << "\n";
  };
  ReaderOptions ropts;
  ropts.max_bytes = opts.max_bytes;
  ForEachArticle(
      paths, ropts,
      [&](Article&& a) {
        StatusOr<Extraction> x = (*extractor)->Extract(a);
        if (!x.ok()) {
          report(x.status().WithContext(a.source));
          return;
        }
        for (const std::string& w : x->warnings) std::cerr << "pactgraph extract: " << a.source << ": " << w << "\n";
        std::cout << ToJsonLine(*x, flags.text) << '\n';
      },
      report);
  std::cout.flush();
  return failed ? 1 : 0;
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand("extract", "articles in, one JSON line of facts per article out");
  cmd->add_option("paths", flags->paths, "files, folders (recursive) or - for stdin (default -)");
  cmd->add_flag("--text", flags->text, "add the cleaned article text as doc.text");
  cmd->add_option("--data", flags->data_dir, "data folder (default: $PACTGRAPH_DATA or the built-in one)");
  cmd->callback([flags, exit_code] { *exit_code = RunExtract(*flags); });
}

}  // namespace pactgraph::cli
