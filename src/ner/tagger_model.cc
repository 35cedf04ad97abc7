#include "ner/tagger_model.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ner/tagger.h"
#include "util/hash.h"
#include "util/mapped_file.h"

namespace pactgraph::tagger {

const char* const kLabelNames[kNumLabels] = {"O",     "B-PER",  "I-PER",  "L-PER",  "U-PER", "B-ORG",
                                             "I-ORG", "L-ORG",  "U-ORG",  "B-LOC",  "I-LOC", "L-LOC",
                                             "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
const char* const kTypeNames[kNumTypes] = {"PER", "ORG", "LOC", "MISC"};

namespace {
const char* const kIob2Names[kNumLabels] = {"O",     "B-PER",  "I-PER",  "I-PER",  "B-PER", "B-ORG",
                                            "I-ORG", "I-ORG",  "B-ORG",  "B-LOC",  "I-LOC", "I-LOC",
                                            "B-LOC", "B-MISC", "I-MISC", "I-MISC", "B-MISC"};
}  // namespace

const char* Iob2Name(int label) { return kIob2Names[label]; }

bool TransitionAllowed(int prev, int cur) {
  bool continuing = cur != 0 && (LabelPartOf(cur) == kInside || LabelPartOf(cur) == kLast);
  if (prev >= 0 && IsOpen(prev)) return continuing && LabelType(cur) == LabelType(prev);
  return !continuing;
}

std::vector<int> BilouFromIob(const std::vector<std::string>& labels) {
  std::vector<int> out(labels.size(), 0);
  for (const LabelSpan& s : SpansFromLabels(labels)) {
    int type = -1;
    for (int t = 0; t < kNumTypes; ++t)
      if (s.type == kTypeNames[t]) type = t;
    if (type < 0) continue;
    if (s.end - s.begin == 1) {
      out[s.begin] = MakeLabel(type, kUnit);
      continue;
    }
    out[s.begin] = MakeLabel(type, kBegin);
    for (size_t i = s.begin + 1; i + 1 < s.end; ++i) out[i] = MakeLabel(type, kInside);
    out[s.end - 1] = MakeLabel(type, kLast);
  }
  return out;
}

void WeightTable::Build(const std::vector<std::pair<uint64_t, LabelWeights>>& entries) {
  Reset(entries.size());
  for (const auto& [key, w] : entries) Add(key, w.data());
}

void WeightTable::Reset(size_t n) {
  size_t cap = 16;
  while (cap < n * 3 / 2 + 1) cap <<= 1;
  slots_.assign(cap, Slot{});
  filter_.Reset(n);
  weights_.clear();
  weights_.reserve(n * kNumLabels);
  mask_ = cap - 1;
  count_ = 0;
}

void WeightTable::Add(uint64_t key, const float* w) {
  if (key == kEmpty) return;  // key 0 marks an empty slot; never produced by hashing in practice
  size_t i = Mix(key) & mask_;
  while (slots_[i].key != kEmpty && slots_[i].key != key) i = (i + 1) & mask_;
  Slot& s = slots_[i];
  filter_.Add(key);
  if (s.key == kEmpty) {
    s.key = key;
    s.row = static_cast<uint32_t>(count_++);
    weights_.insert(weights_.end(), w, w + kNumLabels);
  } else {
    std::copy(w, w + kNumLabels, weights_.begin() + size_t{s.row} * kNumLabels);
  }
}

void WeightTable::FindAll(const uint64_t* keys, size_t count, const float** rows) const {
  // Only the keys the filter lets through are probed in the table.
  thread_local std::vector<uint32_t> maybe_buf;
  if (maybe_buf.size() < count) maybe_buf.resize(count);
  uint32_t* const maybe = maybe_buf.data();
  size_t m = 0;
  for (size_t j = 0; j < count; ++j) {
    rows[j] = nullptr;
    maybe[m] = static_cast<uint32_t>(j);
    m += MayContain(keys[j]);  // kept when the filter lets it through
  }
  if (slots_.empty()) return;
  constexpr size_t kAhead = 16;
  for (size_t k = 0; k < m && k < kAhead; ++k) Prefetch(keys[maybe[k]]);
  for (size_t k = 0; k < m; ++k) {
    if (k + kAhead < m) Prefetch(keys[maybe[k + kAhead]]);
    const float* w = Probe(keys[maybe[k]]);
    if (w) {  // for the caller's summing pass
      __builtin_prefetch(w);
      __builtin_prefetch(w + kNumLabels - 1);
    }
    rows[maybe[k]] = w;
  }
}

std::vector<std::pair<uint64_t, LabelWeights>> WeightTable::Entries() const {
  std::vector<std::pair<uint64_t, LabelWeights>> out;
  out.reserve(count_);
  for (const Slot& s : slots_) {
    if (s.key == kEmpty) continue;
    LabelWeights w;
    const float* row = &weights_[size_t{s.row} * kNumLabels];
    std::copy(row, row + kNumLabels, w.begin());
    out.emplace_back(s.key, w);
  }
  return out;
}

void WordClusters::Add(std::string_view word, Ids ids) {
  const uint64_t h = Fnv1a64(word);
  filter_.Add(h);
  if (by_hash_.Insert(h, ids)) words_.emplace_back(std::string(word), ids);
}

WordClusters::Ids WordClusters::Find(uint64_t form_hash, uint64_t lower_hash) const {
  if (filter_.MayContain(form_hash)) {
    if (const Ids* ids = by_hash_.Find(form_hash)) return *ids;
  }
  if (!filter_.MayContain(lower_hash)) return Ids{};
  const Ids* ids = by_hash_.Find(lower_hash);
  return ids ? *ids : Ids{};
}

uint64_t Gazetteer::Extend(uint64_t phrase_hash, uint64_t token_hash) {
  uint64_t h = phrase_hash ^ (token_hash + 0x9e3779b97f4a7c15ULL + (phrase_hash << 6) + (phrase_hash >> 2));
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 29);
}

template <typename Token>
void Gazetteer::Index(const Token* tokens, size_t n, uint8_t classes) {
  uint64_t h = kSeed;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      phrases_[h] |= kPrefixBit;  // lets matching stop early
      filter_.Add(h);
    }
    h = Extend(h, Fnv1a64(tokens[i]));
  }
  phrases_[h] |= classes;
  filter_.Add(h);
}

void Gazetteer::AddLookupOnly(const std::string_view* tokens, size_t n, uint8_t classes) {
  if (n == 0 || n > kMaxLen || classes == 0) return;
  Index(tokens, n, classes);
}

void Gazetteer::Add(const std::vector<std::string>& tokens, uint8_t classes) {
  if (tokens.empty() || tokens.size() > kMaxLen || classes == 0) return;
  Index(tokens.data(), tokens.size(), classes);
  std::string joined;
  for (const std::string& t : tokens) {
    if (!joined.empty()) joined += ' ';
    joined += t;
  }
  // Entries are indexed by the hash of their text; a (never seen) collision
  // of two different texts falls back to a scan.
  uint32_t& slot = entry_index_[Fnv1a64(joined)];
  if (slot == 0) {
    entries_.emplace_back(std::move(joined), classes);
    slot = static_cast<uint32_t>(entries_.size());
    return;
  }
  if (entries_[slot - 1].first == joined) {
    entries_[slot - 1].second |= classes;
    return;
  }
  for (auto& [text, mask] : entries_) {
    if (text != joined) continue;
    mask |= classes;
    return;
  }
  entries_.emplace_back(std::move(joined), classes);
}

namespace {

constexpr size_t kRecordBytes = sizeof(uint64_t) + sizeof(float) * kNumLabels;
constexpr size_t kRecordsPerRelease = (size_t{4} << 20) / kRecordBytes;

void WriteFloats(std::ostream& out, const float* v, int n) {
  for (int i = 0; i < n; ++i) out << (i ? " " : "") << v[i];
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return parts;
}

// Reads the text part of a model file (mapped into memory) line by line,
// counting lines for error messages.
class LineReader {
 public:
  LineReader(std::string_view bytes, const std::string& path) : rest_(bytes), path_(path) {}
  // The next line without its newline; false at the end of the bytes.
  bool Next(std::string_view* line) {
    if (rest_.empty()) return false;
    const size_t nl = rest_.find('\n');
    *line = rest_.substr(0, nl);
    rest_.remove_prefix(nl == std::string_view::npos ? rest_.size() : nl + 1);
    ++line_no_;
    return true;
  }
  // What follows the last line read.
  std::string_view rest() const { return rest_; }
  void Skip(size_t n) { rest_.remove_prefix(std::min(n, rest_.size())); }
  Status Error(const std::string& what) const {
    return Status::Corruption(path_ + " line " + std::to_string(line_no_) + ": " + what);
  }
  Status Truncated(const std::string& what) const {
    return Status::Corruption(path_ + ": file ends early (" + what + "); the model file is truncated");
  }

 private:
  std::string_view rest_;
  const std::string& path_;
  int line_no_ = 0;
};

bool ParseFloats(const std::string& text, float* out, int n) {
  std::istringstream ss(text);
  for (int i = 0; i < n; ++i) {
    if (!(ss >> out[i])) return false;
  }
  std::string rest;
  return !(ss >> rest);
}

bool ParseCount(std::string_view text, size_t* out) {
  if (text.empty() || text.size() > 12) return false;
  size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Status SaveModel(const TaggerModel& model, const std::string& path) {
  if (model.tagging_only) {
    return Status::InvalidArgument(
        "cannot save to " + path +
        ": the model was loaded for tagging, without the word lists a saved model needs");
  }
  std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + tmp);
  out.precision(9);
  out << kFormatName << ' ' << kFormatVersion << '\n';
  out << "lang\t" << model.lang << '\n';
  out << "description\t" << model.description << '\n';
  out << "labels";
  for (const char* l : kLabelNames) out << '\t' << l;
  out << '\n';
  for (int p = 0; p <= kNumLabels; ++p) {
    out << "transition\t" << p << '\t';
    WriteFloats(out, model.transition[p].data(), kNumLabels);
    out << '\n';
  }
  out << "confidence\t" << model.conf_a << ' ' << model.conf_b << '\n';
  out << "clusters\t" << model.clusters.size() << '\n';
  out << "gazetteer\t" << model.gazetteer.entries().size() << '\n';
  auto entries = model.weights.Entries();
  out << "features\t" << entries.size() << '\n';
  out << "end-header\n";
  for (const auto& [word, ids] : model.clusters.words()) {
    out << word << '\t' << ids.coarse << '\t' << ids.fine << '\n';
  }
  for (const auto& [phrase, mask] : model.gazetteer.entries()) {
    out << static_cast<int>(mask) << '\t' << phrase << '\n';
  }
  for (const auto& [key, w] : entries) {
    out.write(reinterpret_cast<const char*>(&key), sizeof(key));
    out.write(reinterpret_cast<const char*>(w.data()), sizeof(float) * kNumLabels);
  }
  out << "end-model\n";
  out.close();
  if (!out) return Status::IOError("write failed: " + tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError("cannot rename " + tmp + " to " + path);
  return Status::OK();
}

namespace {

Status ReadHeaderLine(LineReader& reader, const std::string& path) {
  std::string_view view;
  if (!reader.Next(&view)) return Status::Corruption(path + ": empty file, not a pactgraph NER model");
  const std::string line(view);
  std::string expected_prefix = std::string(kFormatName) + ' ';
  if (line.compare(0, expected_prefix.size(), expected_prefix) != 0) {
    return reader.Error("not a pactgraph NER model (expected first line '" + std::string(kFormatName) +
                        " <version>', got '" + line.substr(0, 60) + "')");
  }
  size_t version = 0;
  if (!ParseCount(line.substr(expected_prefix.size()), &version)) return reader.Error("bad format version");
  if (static_cast<int>(version) > kFormatVersion) {
    return reader.Error("model format version " + std::to_string(version) +
                        " is newer than this program reads (" + std::to_string(kFormatVersion) +
                        "); rebuild pactgraph");
  }
  if (static_cast<int>(version) < kFormatVersion) {
    return reader.Error("model format version " + std::to_string(version) +
                        " is older than this program reads (" + std::to_string(kFormatVersion) +
                        "); retrain it with train_ner (doc/ner.md)");
  }
  return Status::OK();
}

struct Counts {
  size_t clusters = 0, gazetteer = 0, features = 0;
};

Status ReadHeaderFields(LineReader& reader, TaggerModel* model, Counts* counts) {
  std::string_view line;
  bool labels_seen = false;
  while (true) {
    if (!reader.Next(&line)) return reader.Truncated("in the header");
    if (line == "end-header") break;
    std::vector<std::string> f = SplitTabs(std::string(line));
    const std::string& key = f[0];
    if (key == "lang" && f.size() == 2) {
      model->lang = f[1];
    } else if (key == "description") {
      model->description = f.size() > 1 ? f[1] : "";
    } else if (key == "labels") {
      if (f.size() != kNumLabels + 1)
        return reader.Error("expected " + std::to_string(kNumLabels) + " labels");
      for (int i = 0; i < kNumLabels; ++i) {
        if (f[i + 1] != kLabelNames[i]) return reader.Error("unexpected label '" + f[i + 1] + "'");
      }
      labels_seen = true;
    } else if (key == "transition" && f.size() == 3) {
      size_t row = 0;
      if (!ParseCount(f[1], &row) || row > kNumLabels ||
          !ParseFloats(f[2], model->transition[row].data(), kNumLabels))
        return reader.Error("bad transition row");
    } else if (key == "confidence" && f.size() == 2) {
      float v[2];
      if (!ParseFloats(f[1], v, 2)) return reader.Error("bad confidence line");
      model->conf_a = v[0];
      model->conf_b = v[1];
    } else if ((key == "clusters" || key == "gazetteer" || key == "features") && f.size() == 2) {
      size_t* target = key == "clusters"    ? &counts->clusters
                       : key == "gazetteer" ? &counts->gazetteer
                                            : &counts->features;
      if (!ParseCount(f[1], target)) return reader.Error("bad count for " + key);
    } else {
      return reader.Error("unknown header field '" + key.substr(0, 40) + "'");
    }
  }
  if (!labels_seen) return reader.Error("header has no labels line");
  return Status::OK();
}

// Splits a line at tabs into at most `max` views; returns the number of
// fields the line has (which may be more than `max`).
size_t SplitTabViews(std::string_view line, std::string_view* out, size_t max) {
  size_t count = 0;
  while (true) {
    size_t tab = line.find('\t');
    if (count < max) out[count] = line.substr(0, tab);
    ++count;
    if (tab == std::string_view::npos) return count;
    line.remove_prefix(tab + 1);
  }
}

// Reserving for a count read from the header: a corrupt count must fail as a
// short file, not as an allocation of terabytes.
size_t ReserveBound(size_t n) { return std::min(n, size_t{1} << 22); }

Status ReadClusters(LineReader& reader, size_t n, WordClusters* clusters) {
  std::string_view line;
  clusters->Reserve(ReserveBound(n));
  std::string_view f[3];
  for (size_t i = 0; i < n; ++i) {
    if (!reader.Next(&line)) return reader.Truncated("in the clusters section");
    size_t coarse = 0, fine = 0;
    if (SplitTabViews(line, f, 3) != 3 || !ParseCount(f[1], &coarse) || !ParseCount(f[2], &fine) ||
        coarse > 65535 || fine > 65535)
      return reader.Error("bad cluster line (want word<TAB>coarse<TAB>fine)");
    clusters->AddLookupOnly(f[0], {static_cast<uint16_t>(coarse), static_cast<uint16_t>(fine)});
  }
  return Status::OK();
}

Status ReadGazetteer(LineReader& reader, size_t n, Gazetteer* gazetteer) {
  std::string_view line;
  std::string_view tokens[Gazetteer::kMaxLen + 1];
  gazetteer->Reserve(ReserveBound(n));
  std::string_view f[2];
  for (size_t i = 0; i < n; ++i) {
    if (!reader.Next(&line)) return reader.Truncated("in the gazetteer section");
    size_t mask = 0;
    if (SplitTabViews(line, f, 2) != 2 || !ParseCount(f[0], &mask) || mask == 0 || mask >= 32 || f[1].empty())
      return reader.Error("bad gazetteer line (want mask<TAB>tokens)");
    // Tokens split at white space; a phrase longer than kMaxLen is counted
    // past it and then ignored, as Gazetteer::Add ignores it.
    size_t count = 0;
    const std::string_view phrase = f[1];
    // (A byte loop: find_first_of with a set of six calls memchr per byte.)
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    for (size_t b = 0; b < phrase.size();) {
      size_t e = b;
      while (e < phrase.size() && !space(phrase[e])) ++e;
      if (e > b) {
        if (count <= Gazetteer::kMaxLen) tokens[count] = phrase.substr(b, e - b);
        ++count;
      }
      b = e + 1;
    }
    gazetteer->AddLookupOnly(tokens, count, static_cast<uint8_t>(mask));
  }
  return Status::OK();
}

Status ReadWeights(LineReader& reader, const MappedFile& file, const std::string& path, size_t n,
                   WeightTable* weights) {
  const std::string_view bytes = reader.rest();
  if (bytes.size() / kRecordBytes < n) {
    return Status::Corruption(path + ": file ends early (feature " +
                              std::to_string(bytes.size() / kRecordBytes) + " of " + std::to_string(n) +
                              "); the model file is truncated");
  }
  weights->Reset(n);
  for (size_t r = 0; r < n; ++r) {
    const char* rec = bytes.data() + r * kRecordBytes;
    uint64_t key;
    float w[kNumLabels];
    std::memcpy(&key, rec, sizeof(key));
    std::memcpy(w, rec + sizeof(key), sizeof(w));
    weights->Add(key, w);
    // Let go of the parsed records every few megabytes.
    if (r % kRecordsPerRelease == kRecordsPerRelease - 1)
      file.Done(static_cast<size_t>(rec + kRecordBytes - file.bytes().data()));
  }
  reader.Skip(n * kRecordBytes);
  std::string_view trailer;
  if (!reader.Next(&trailer) || trailer != "end-model") {
    return Status::Corruption(
        path + ": missing 'end-model' trailer after the weights; the file is truncated or corrupt");
  }
  return Status::OK();
}

}  // namespace

Status CheckModelFile(const std::string& path) {
  StatusOr<MappedFile> file = MappedFile::Open(path, /*populate=*/false);
  if (!file.ok()) return Status::NotFound("cannot open NER model " + path);
  const std::string_view bytes = file->bytes();
  LineReader reader(bytes, path);
  TaggerModel header;
  Counts counts;
  PG_RETURN_IF_ERROR(ReadHeaderLine(reader, path));
  PG_RETURN_IF_ERROR(ReadHeaderFields(reader, &header, &counts));
  // The body is text sections of unknown length, then fixed-size weight
  // records and the trailer: the file must be at least that long and end
  // with the trailer (a cut-short copy fails here, not at first use).
  const uint64_t body_start = bytes.size() - reader.rest().size();
  constexpr std::string_view kTrailer = "end-model\n";
  // counts.features has at most 12 digits (ParseCount), so this cannot overflow.
  const uint64_t min_size = body_start + uint64_t{counts.features} * kRecordBytes + kTrailer.size();
  if (bytes.size() < min_size) {
    return Status::Corruption(path + ": file ends early (" + std::to_string(counts.features) +
                              " feature records announced); the model file is truncated");
  }
  if (bytes.substr(bytes.size() - kTrailer.size()) != kTrailer) {
    return Status::Corruption(path + ": missing 'end-model' trailer; the file is truncated or corrupt");
  }
  return Status::OK();
}

StatusOr<TaggerModel> LoadModel(const std::string& path) {
  StatusOr<MappedFile> file = MappedFile::Open(path);
  if (!file.ok()) return Status::NotFound("cannot open NER model " + path);
  LineReader reader(file->bytes(), path);
  TaggerModel model;
  model.tagging_only = true;
  static std::atomic<uint64_t> loaded{0};
  model.cache_id = ++loaded;
  Counts counts;
  PG_RETURN_IF_ERROR(ReadHeaderLine(reader, path));
  PG_RETURN_IF_ERROR(ReadHeaderFields(reader, &model, &counts));
  auto parsed = [&] { return file->bytes().size() - reader.rest().size(); };
  PG_RETURN_IF_ERROR(ReadClusters(reader, counts.clusters, &model.clusters));
  file->Done(parsed());
  PG_RETURN_IF_ERROR(ReadGazetteer(reader, counts.gazetteer, &model.gazetteer));
  file->Done(parsed());
  PG_RETURN_IF_ERROR(ReadWeights(reader, *file, path, counts.features, &model.weights));
  return model;
}

}  // namespace pactgraph::tagger
