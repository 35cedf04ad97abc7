// Turns command-line paths into articles: files, folders (recursive, sorted),
// "-" for stdin; .txt, .html/.htm and .jsonl (one article per line).
#ifndef PACTGRAPH_INPUT_READER_H_
#define PACTGRAPH_INPUT_READER_H_

#include <functional>
#include <string>
#include <vector>

#include "pactgraph/extractor.h"
#include "pactgraph/status.h"

namespace pactgraph {

struct ReaderOptions {
  size_t max_bytes = 16u << 20;  // files (or JSONL lines) above this are refused
};

// Calls on_article for every article found, in order, and on_error (with a
// message naming the file or file:line) for every input that cannot be read.
// Never stops early.
void ForEachArticle(const std::vector<std::string>& paths, const ReaderOptions& options,
                    const std::function<void(Article&&)>& on_article,
                    const std::function<void(const Status&)>& on_error);

// Parses one JSONL article line. `where` names it in messages ("a.jsonl:3").
StatusOr<Article> ParseJsonlArticle(const std::string& line, const std::string& where);

}  // namespace pactgraph

#endif  // PACTGRAPH_INPUT_READER_H_
