// Grouping the name mentions of one document into entities: one entity per
// real-world thing, with every mention (surnames, short forms, acronyms
// defined in the text, spelling and case variants).
#ifndef PACTGRAPH_NER_COREF_H_
#define PACTGRAPH_NER_COREF_H_

#include <string>
#include <string_view>
#include <vector>

#include "ner/entities.h"
#include "ner/mentions.h"

namespace pactgraph {
namespace ner {

// A mention after grouping: where it is and which entity it names.
struct MentionRef {
  uint32_t start = 0, end = 0;   // bytes
  uint32_t first = 0, last = 0;  // words [first, last)
  size_t entity = 0;             // index into the entity list
};

struct Grouping {
  std::vector<DocEntity> entities;
  std::vector<MentionRef> mentions;  // sorted by start
};

// Key two names are compared by: folded, letters and digits only.
std::string NameKey(std::string_view name);
// The same into *key (reusing its buffer).
void NameKeyInto(std::string_view name, std::string* key);

// Adds mentions for acronyms defined in parentheses after a name
// ("Global Telco AI Alliance (GTAA)") and for their later uses.
void AddAcronymMentions(std::string_view text, const std::vector<Word>& words, std::vector<Candidate>* cands);

// Groups resolved (non-overlapping) candidates; also finds bare surnames of
// the people named in full elsewhere in the document.
Grouping GroupMentions(const Resources& res, std::string_view text, const std::vector<Word>& words,
                       const std::vector<Candidate>& cands, const std::string& lang);

// Levenshtein distance in bytes, capped at cap + 1.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap);

}  // namespace ner
}  // namespace pactgraph

#endif  // PACTGRAPH_NER_COREF_H_
