#include "time/timex_eval.h"

#include <algorithm>

namespace pactgraph::timex {
namespace {

// Value of attribute `key` inside a tag's text (`<TIMEX3 tid="t1" ...>`).
std::string Attribute(std::string_view tag, std::string_view key) {
  size_t pos = 0;
  while ((pos = tag.find(key, pos)) != std::string_view::npos) {
    const bool boundary = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    size_t eq = pos + key.size();
    while (eq < tag.size() && tag[eq] == ' ') ++eq;
    if (boundary && eq < tag.size() && tag[eq] == '=') {
      size_t q = eq + 1;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
        size_t close = tag.find(tag[q], q + 1);
        if (close != std::string_view::npos) return std::string(tag.substr(q + 1, close - q - 1));
      }
    }
    pos += key.size();
  }
  return "";
}

std::string_view TagName(std::string_view tag) {
  size_t i = 1;
  if (i < tag.size() && tag[i] == '/') ++i;
  size_t j = i;
  while (j < tag.size() && tag[j] != ' ' && tag[j] != '>' && tag[j] != '/' && tag[j] != '\n' && tag[j] != '\t') ++j;
  return tag.substr(i, j - i);
}

void AppendDecoded(std::string_view s, std::string* out) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '&') {
      bool done = false;
      for (const auto& [ent, ch] : kEntities) {
        if (s.substr(i, ent.size()) == ent) { out->push_back(ch); i += ent.size(); done = true; break; }
      }
      if (done) continue;
    }
    out->push_back(s[i++]);
  }
}

}  // namespace

StatusOr<GoldDoc> ParseTimeMl(std::string_view xml, std::string name) {
  GoldDoc doc;
  doc.name = std::move(name);
  // Creation time.
  size_t dct = xml.find("<DCT>");
  if (dct != std::string_view::npos) {
    size_t tag = xml.find("<TIMEX3", dct);
    size_t close = tag == std::string_view::npos ? tag : xml.find('>', tag);
    if (close != std::string_view::npos) doc.anchor = Attribute(xml.substr(tag, close - tag), "value");
  } else if ((dct = xml.find("<DATETIME>")) != std::string_view::npos) {
    size_t tag = xml.find("<TIMEX2", dct);
    size_t close = tag == std::string_view::npos ? tag : xml.find('>', tag);
    if (close != std::string_view::npos) doc.anchor = Attribute(xml.substr(tag, close - tag), "val");
  }
  if (doc.anchor.size() > 10) doc.anchor.resize(10);
  size_t begin = xml.find("<TEXT>");
  size_t end = xml.find("</TEXT>");
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin)
    return Status::Corruption(doc.name + ": no <TEXT>...</TEXT> element");
  std::string_view body = xml.substr(begin + 6, end - begin - 6);
  struct Open { size_t start; std::string type, value; bool outer; };
  std::vector<Open> open;
  size_t i = 0;
  while (i < body.size()) {
    size_t lt = body.find('<', i);
    AppendDecoded(body.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i), &doc.text);
    if (lt == std::string_view::npos) break;
    size_t gt = body.find('>', lt);
    if (gt == std::string_view::npos)
      return Status::Corruption(doc.name + ": unterminated tag at byte " + std::to_string(begin + 6 + lt));
    std::string_view tag = body.substr(lt, gt - lt + 1);
    std::string_view tname = TagName(tag);
    const bool closing = tag.size() > 1 && tag[1] == '/';
    if (tname == "TIMEX3" || tname == "TIMEX2") {
      const bool self_closing = tag.size() > 2 && tag[tag.size() - 2] == '/';
      if (!closing && !self_closing) {
        Open o;
        o.start = doc.text.size();
        o.outer = open.empty();
        o.type = Attribute(tag, "type");
        o.value = Attribute(tag, tname == "TIMEX3" ? "value" : "val");
        open.push_back(std::move(o));
      } else if (closing) {
        if (open.empty()) return Status::Corruption(doc.name + ": </" + std::string(tname) + "> without an opening tag");
        Open o = std::move(open.back());
        open.pop_back();
        if (o.outer && doc.text.size() > o.start) {
          GoldTimex g;
          g.start = static_cast<uint32_t>(o.start);
          g.end = static_cast<uint32_t>(doc.text.size());
          g.type = std::move(o.type);
          g.value = std::move(o.value);
          doc.timexes.push_back(std::move(g));
        }
      }
    }
    i = gt + 1;
  }
  return doc;
}

void TimexScores::Add(const TimexScores& o) {
  gold += o.gold; system += o.system; strict += o.strict; relaxed += o.relaxed;
  value_ok += o.value_ok; type_ok += o.type_ok;
}

double TimexScores::F1(long hits, long sys, long gold) {
  if (hits == 0) return 0;
  const double p = static_cast<double>(hits) / sys, r = static_cast<double>(hits) / gold;
  return 2 * p * r / (p + r);
}

TimexScores Score(const GoldDoc& doc, const std::vector<Timex>& system, std::ostream* errors) {
  TimexScores s;
  s.gold = static_cast<long>(doc.timexes.size());
  s.system = static_cast<long>(system.size());
  std::vector<int> gold_match(doc.timexes.size(), -1), sys_match(system.size(), -1);
  // Exact spans first, then the largest overlap.
  for (size_t g = 0; g < doc.timexes.size(); ++g) {
    for (size_t k = 0; k < system.size(); ++k) {
      if (sys_match[k] < 0 && system[k].start == doc.timexes[g].start && system[k].end == doc.timexes[g].end) {
        gold_match[g] = static_cast<int>(k);
        sys_match[k] = static_cast<int>(g);
        ++s.strict;
        break;
      }
    }
  }
  for (size_t g = 0; g < doc.timexes.size(); ++g) {
    if (gold_match[g] >= 0) continue;
    long best_overlap = 0;
    int best = -1;
    for (size_t k = 0; k < system.size(); ++k) {
      if (sys_match[k] >= 0) continue;
      long lo = std::max(system[k].start, doc.timexes[g].start), hi = std::min(system[k].end, doc.timexes[g].end);
      if (hi - lo > best_overlap) { best_overlap = hi - lo; best = static_cast<int>(k); }
    }
    if (best >= 0) { gold_match[g] = best; sys_match[best] = static_cast<int>(g); }
  }
  auto span = [&](uint32_t a, uint32_t b) {
    std::string s = doc.text.substr(a, b - a);
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\t', ' ');
    return s;
  };
  for (size_t g = 0; g < doc.timexes.size(); ++g) {
    const GoldTimex& gold = doc.timexes[g];
    if (gold_match[g] < 0) {
      if (errors) *errors << doc.name << "\tMISS\t" << span(gold.start, gold.end) << "\t" << gold.type << "\t" << gold.value << "\n";
      continue;
    }
    const Timex& sys = system[gold_match[g]];
    ++s.relaxed;
    if (sys.value == gold.value) ++s.value_ok;
    if (sys.type == gold.type) ++s.type_ok;
    if (errors && (sys.value != gold.value || sys.start != gold.start || sys.end != gold.end))
      *errors << doc.name << "\tDIFF\t" << span(gold.start, gold.end) << "\t" << gold.type << "\t" << gold.value
              << "\t|\t" << span(sys.start, sys.end) << "\t" << sys.type << "\t" << sys.value << "\n";
  }
  for (size_t k = 0; k < system.size(); ++k) {
    if (sys_match[k] < 0 && errors)
      *errors << doc.name << "\tSPURIOUS\t" << span(system[k].start, system[k].end) << "\t" << system[k].type << "\t"
              << system[k].value << "\n";
  }
  return s;
}

}  // namespace pactgraph::timex
