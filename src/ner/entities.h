// Named entities and roles in one document: mentions found by the
// statistical tagger, gazetteers and patterns, grouped into one entity per
// real-world thing, and person -> organisation roles.
#ifndef PACTGRAPH_NER_ENTITIES_H_
#define PACTGRAPH_NER_ENTITIES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pactgraph/status.h"
#include "segment/segment.h"

namespace pactgraph {

struct TextRange {
  uint32_t start = 0, end = 0;  // byte range in the document text
};

struct DocEntity {
  std::string type;  // PERSON, ORG, PRODUCT, LOC, EVENT, MISC
  std::string name;
  std::vector<TextRange> mentions;  // sorted by start
};

struct DocRole {
  size_t person = 0, org = 0;  // indices into the entity list
  std::string title;           // normalised, empty when unknown
  TextRange evidence;
};

struct EntityResult {
  std::vector<DocEntity> entities;
  std::vector<DocRole> roles;
};

struct EntityOptions {
  // Use the statistical tagger (<data_dir>/ner/<lang>.model) when its model
  // file exists; without it, gazetteers and patterns work alone.
  bool use_tagger = true;
};

// Loaded once from the data folder; immutable and thread-safe afterwards.
// Reads <data_dir>/ner/{orgs,products,places,companies,lexicon,titles}.tsv
// (see doc/entities.md) and fails with the file and line of a bad entry.
class EntityRecognizer {
 public:
  static StatusOr<std::unique_ptr<EntityRecognizer>> Load(const std::string& data_dir);
  static StatusOr<std::unique_ptr<EntityRecognizer>> Load(const std::string& data_dir,
                                                          const EntityOptions& options);
  virtual ~EntityRecognizer() = default;
  // Makes ready what documents in `lang` need: the statistical tagger's
  // model is checked at Load but read on first use. An error names the model
  // file. Recognize calls it too; there, a model that fails to load leaves
  // the rules and gazetteers working alone, so call Prepare first to report it.
  virtual Status Prepare(const std::string& lang) const = 0;
  virtual EntityResult Recognize(std::string_view text, const Segmented& seg,
                                 const std::string& lang) const = 0;
};

}  // namespace pactgraph

#endif  // PACTGRAPH_NER_ENTITIES_H_
