#include "ner/tagger_corpus.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ner/tagger.h"

namespace pactgraph::tagger {
namespace {

std::vector<std::string> SplitOn(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : line) {
    if (c == sep || (sep == ' ' && c == '\t')) {
      if (sep != ' ' || !cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (sep != ' ' || !cur.empty()) parts.push_back(cur);
  return parts;
}

// GermEval's NoSta-D types onto CoNLL's four (doc/ner.md explains why).
std::string MapGermEvalTag(const std::string& tag) {
  if (tag == "O" || tag.size() < 3) return "O";
  std::string type = tag.substr(2);
  if (type.size() > 4 && type.compare(type.size() - 4, 4, "part") == 0) return "O";
  if (type.size() > 5 && type.compare(type.size() - 5, 5, "deriv") == 0) type = "MISC";
  if (type == "OTH") type = "MISC";
  return tag.substr(0, 2) + type;
}

bool ValidTag(const std::string& tag) {
  if (tag == "O") return true;
  if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I')) return false;
  std::string type = tag.substr(2);
  return type == "PER" || type == "ORG" || type == "LOC" || type == "MISC";
}

CorpusFormat Guess(const std::string& line, bool saw_comment) {
  if (line.find('\t') == std::string::npos) return CorpusFormat::kConll;
  size_t cols = SplitOn(line, '\t').size();
  return (saw_comment || cols >= 4) ? CorpusFormat::kGermEval : CorpusFormat::kConllu;
}

class CorpusBuilder {
 public:
  void AddToken(std::string word, std::string tag) {
    sentence_.words.push_back(std::move(word));
    sentence_.labels.push_back(std::move(tag));
  }
  void EndSentence() {
    if (sentence_.words.empty()) return;
    sentence_.labels = ToIob2(sentence_.labels);
    if (docs_.empty()) docs_.emplace_back();
    docs_.back().sentences.push_back(std::move(sentence_));
    sentence_ = {};
    if (one_doc_per_sentence_) docs_.emplace_back();
  }
  void StartDocument() {
    EndSentence();
    if (docs_.empty() || !docs_.back().sentences.empty()) docs_.emplace_back();
  }
  void set_one_doc_per_sentence(bool v) { one_doc_per_sentence_ = v; }
  std::vector<LabeledDocument> Finish() {
    EndSentence();
    while (!docs_.empty() && docs_.back().sentences.empty()) docs_.pop_back();
    return std::move(docs_);
  }

 private:
  LabeledSentence sentence_;
  std::vector<LabeledDocument> docs_;
  bool one_doc_per_sentence_ = false;
};

}  // namespace

StatusOr<CorpusFormat> ParseCorpusFormat(const std::string& name) {
  if (name.empty() || name == "auto") return CorpusFormat::kAuto;
  if (name == "conll") return CorpusFormat::kConll;
  if (name == "conllu") return CorpusFormat::kConllu;
  if (name == "germeval") return CorpusFormat::kGermEval;
  return Status::InvalidArgument("unknown corpus format '" + name +
                                 "' (want conll, conllu, germeval or auto)");
}

StatusOr<std::vector<LabeledDocument>> ReadCorpus(const std::string& path, CorpusFormat format) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  CorpusBuilder builder;
  std::string line;
  long line_no = 0;
  bool saw_comment = false, configured = false;
  auto error = [&](const std::string& what) {
    return Status::Corruption(path + " line " + std::to_string(line_no) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.find_first_not_of(" \t") == std::string::npos) {
      builder.EndSentence();
      continue;
    }
    // A space-separated line "# O" (or "# NN I-NP O") is the token "#" of a
    // CoNLL file, not a comment: its last column is a label.
    bool hash_token = false;
    if (line[0] == '#' && line.size() > 2 && line[1] == ' ' && format != CorpusFormat::kConllu &&
        format != CorpusFormat::kGermEval) {
      std::string last = line.substr(line.find_last_of(' ') + 1);
      hash_token = last == "O" || (last.size() > 2 && last[1] == '-' &&
                                   std::string_view("BIESLU").find(last[0]) != std::string_view::npos);
    }
    if (!hash_token && line[0] == '#' && (line.size() == 1 || line[1] == '\t' || line[1] == ' ')) {
      saw_comment = true;  // GermEval sentence header, CoNLL-U comment
      continue;
    }
    if (format == CorpusFormat::kAuto) format = Guess(line, saw_comment);
    if (!configured &&
        (format == CorpusFormat::kConll) != (Guess(line, saw_comment) == CorpusFormat::kConll)) {
      return error(
          format == CorpusFormat::kConll
              ? "columns are tab-separated with an index first; use format conllu or germeval (or auto)"
              : "columns are not tab-separated; use format conll (or auto)");
    }
    if (!configured) {
      builder.set_one_doc_per_sentence(true);  // until a -DOCSTART- line
      configured = true;
    }
    std::vector<std::string> f = SplitOn(line, format == CorpusFormat::kConll ? ' ' : '\t');
    std::string word, tag;
    if (format == CorpusFormat::kConll) {
      if (f.size() < 2) return error("expected 'token ... tag' columns");
      word = f.front();
      tag = f.back();
    } else {
      if (f.size() < 3) return error("expected 'index<TAB>token<TAB>tag' columns");
      word = f[1];
      tag = format == CorpusFormat::kGermEval ? MapGermEvalTag(f[2]) : f[2];
    }
    if (word == "-DOCSTART-") {
      builder.set_one_doc_per_sentence(false);
      builder.StartDocument();
      continue;
    }
    if (!ValidTag(tag)) return error("unknown tag '" + tag.substr(0, 30) + "'");
    builder.AddToken(std::move(word), std::move(tag));
  }
  return builder.Finish();
}

std::vector<std::string> ToIob2(const std::vector<std::string>& labels) {
  std::vector<std::string> out(labels.size(), "O");
  for (const LabelSpan& s : SpansFromLabels(labels)) {
    out[s.begin] = "B-" + s.type;
    for (size_t i = s.begin + 1; i < s.end; ++i) out[i] = "I-" + s.type;
  }
  return out;
}

void SpanScorer::Add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted) {
  std::vector<LabelSpan> g = SpansFromLabels(gold), p = SpansFromLabels(predicted);
  for (const LabelSpan& s : g) {
    ++overall_.gold;
    ++by_type_[s.type].gold;
  }
  for (const LabelSpan& s : p) {
    ++overall_.predicted;
    ++by_type_[s.type].predicted;
  }
  size_t j = 0;  // both lists are sorted by begin and do not overlap
  for (const LabelSpan& s : p) {
    while (j < g.size() && g[j].begin < s.begin) ++j;
    if (j < g.size() && g[j].begin == s.begin && g[j].end == s.end && g[j].type == s.type) {
      ++overall_.correct;
      ++by_type_[s.type].correct;
    }
  }
  for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    ++tokens_;
    if (gold[i] == predicted[i]) ++correct_tokens_;
  }
}

std::string SpanScorer::Report() const {
  std::ostringstream out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "processed %ld tokens with %ld phrases; found: %ld phrases; correct: %ld.\n",
                tokens_, overall_.gold, overall_.predicted, overall_.correct);
  out << buf;
  std::snprintf(buf, sizeof buf, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                100 * TokenAccuracy(), 100 * overall_.Precision(), 100 * overall_.Recall(),
                100 * overall_.F1());
  out << buf;
  for (const auto& [type, c] : by_type_) {
    std::snprintf(buf, sizeof buf, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %ld\n",
                  type.c_str(), 100 * c.Precision(), 100 * c.Recall(), 100 * c.F1(), c.predicted);
    out << buf;
  }
  return out.str();
}

namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the punctuation character at s[i] (ASCII punctuation or a UTF-8
// quote/dash), 0 when it is not one.
size_t PunctLen(std::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) {
    return (c == '-' || c == '_' || c == '&' || c == '@' || c == '#' || c == '%' || c == '$' ||
            !(std::isalnum(c) || c >= 0x80))
               ? 1
               : 0;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = s[i + 2];
    if ((d >= 0x93 && d <= 0x94) || (d >= 0x98 && d <= 0x9E) || d == 0xA6)
      return 3;  // dashes, quotes, ellipsis
  }
  if (c == 0xC2 && i + 1 < s.size()) {
    unsigned char d = s[i + 1];
    if (d == 0xAB || d == 0xBB) return 2;  // guillemets
  }
  return 0;
}

void SplitChunk(std::string_view chunk, std::vector<std::string_view>* out) {
  size_t b = 0, e = chunk.size();
  while (b < e) {  // leading punctuation
    size_t len = PunctLen(chunk, b);
    if (len == 0 || chunk[b] == '-' || chunk[b] == '$' || chunk[b] == '#' || chunk[b] == '@') break;
    out->push_back(chunk.substr(b, len));
    b += len;
  }
  std::vector<std::string_view> tail;
  while (e > b) {  // trailing punctuation, but keep abbreviation periods
    size_t len = 0;
    if (e >= b + 3 && PunctLen(chunk, e - 3) == 3)
      len = 3;
    else if (e >= b + 2 && PunctLen(chunk, e - 2) == 2)
      len = 2;
    else if (PunctLen(chunk, e - 1) == 1 && chunk[e - 1] != '%' && chunk[e - 1] != '&')
      len = 1;
    if (len == 0) break;
    if (len == 1 && chunk[e - 1] == '.' && e - b > 1) {
      std::string_view body = chunk.substr(b, e - 1 - b);
      bool abbreviation = body.find('.') != std::string_view::npos ||
                          (body.size() == 1 && std::isupper(static_cast<unsigned char>(body[0])));
      if (abbreviation) break;
    }
    tail.push_back(chunk.substr(e - len, len));
    e -= len;
  }
  if (e > b) {
    std::string_view word = chunk.substr(b, e - b);
    size_t apos = word.size() >= 3 ? word.size() - 2 : std::string_view::npos;
    if (apos != std::string_view::npos && word[apos] == '\'' &&
        (word[apos + 1] == 's' || word[apos + 1] == 'S')) {
      out->push_back(word.substr(0, apos));
      out->push_back(word.substr(apos));
    } else if (word.size() >= 5 && word.compare(word.size() - 4, 4, "\xE2\x80\x99s") == 0) {
      out->push_back(word.substr(0, word.size() - 4));
      out->push_back(word.substr(word.size() - 4));
    } else {
      out->push_back(word);
    }
  }
  for (size_t i = tail.size(); i-- > 0;) out->push_back(tail[i]);
}

}  // namespace

void SimpleTokenize(std::string_view text, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !IsSpace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) SplitChunk(text.substr(start, i - start), out);
  }
}

}  // namespace pactgraph::tagger
