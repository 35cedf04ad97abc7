// Person -> organisation roles from appositions and title phrases:
//   "Kwak Noh-jung, CEO of SK Hynix"      "Microsoft CEO Satya Nadella"
//   "Microsoft's founder, Bill Gates"     "its chairman and CEO, Satya Nadella"
//   "Kyung Kye-hyun of Samsung"           "SK Telecom, led by CEO Ryu"
//   "der Vorsitzende des SK-Konzerns, Chey Tae-won"   "Microsoft-Gründer Bill Gates"
#ifndef PACTGRAPH_NER_ROLES_H_
#define PACTGRAPH_NER_ROLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "ner/coref.h"
#include "ner/entities.h"
#include "ner/mentions.h"

namespace pactgraph {
namespace ner {

std::vector<DocRole> FindRoles(const Resources& res, std::string_view text, const std::vector<Word>& words,
                               const Grouping& groups, const std::string& lang);

}  // namespace ner
}  // namespace pactgraph

#endif  // PACTGRAPH_NER_ROLES_H_
