// Article in, facts out. An Extractor loads its models and lexicons once;
// after Create() it is immutable and Extract() may be called from many
// threads at once.
#ifndef PACTGRAPH_EXTRACTOR_H_
#define PACTGRAPH_EXTRACTOR_H_

#include <memory>
#include <string>

#include "pactgraph/facts.h"
#include "pactgraph/status.h"

namespace pactgraph {

enum class InputFormat { kText, kHtml };

// One article as it arrives.
struct Article {
  std::string bytes;       // raw bytes, any encoding
  InputFormat format = InputFormat::kText;
  std::string id;          // optional; derived from the content when empty
  std::string source;      // path as given, for messages and doc.source
  std::string url;         // optional
  std::string published;   // optional ISO date given with the input (JSONL field)
};

struct ExtractorOptions {
  // Folder holding the versioned data files (models, lexicons). Empty: the
  // PACTGRAPH_DATA environment variable, else the data/ folder of the build.
  std::string data_dir;
  // Articles larger than this many bytes are refused.
  size_t max_bytes = 16u << 20;
  // Keep the cleaned article text in DocInfo::text.
  bool keep_text = false;
};

class Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);
  virtual ~Extractor() = default;

  // Fails (InvalidArgument) for empty, binary or oversized input.
  virtual StatusOr<Extraction> Extract(const Article& article) const = 0;
};

// The contract's JSON line for one extraction, without a trailing newline.
std::string ToJsonLine(const Extraction& extraction, bool with_text);

// Parses a contract JSON line back (used by ingest).
StatusOr<Extraction> FromJsonLine(const std::string& line);

}  // namespace pactgraph

#endif  // PACTGRAPH_EXTRACTOR_H_
