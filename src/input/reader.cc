#include "input/reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pactgraph {
namespace {

namespace fs = std::filesystem;

enum class Kind { kText, kHtml, kJsonl, kUnknown };

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Kind KindOf(const fs::path& p) {
  std::string ext = Lower(p.extension().string());
  if (ext == ".txt" || ext == ".text") return Kind::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Kind::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Kind::kJsonl;
  return Kind::kUnknown;
}

// For stdin and unknown extensions: look at the first visible byte.
Kind Sniff(const std::string& bytes) {
  for (unsigned char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF) continue;
    if (c == '{') return Kind::kJsonl;
    if (c == '<') return Kind::kHtml;
    return Kind::kText;
  }
  return Kind::kText;
}

Status ReadFile(const fs::path& p, size_t max_bytes, std::string* out) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec) return Status::IOError("cannot read: " + ec.message());
  if (size > max_bytes) {
    return Status::InvalidArgument("file is " + std::to_string(size) + " bytes, over the limit of " +
                                   std::to_string(max_bytes));
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::IOError("cannot open for reading");
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IOError("read failed");
  return Status::OK();
}

void EmitJsonl(std::istream& in, const std::string& name, const ReaderOptions& opt,
               const std::function<void(Article&&)>& on_article,
               const std::function<void(const Status&)>& on_error) {
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = name + ":" + std::to_string(n);
    if (line.size() > opt.max_bytes) {
      on_error(Status::InvalidArgument("line is " + std::to_string(line.size()) +
                                       " bytes, over the limit of " + std::to_string(opt.max_bytes))
                   .WithContext(where));
      continue;
    }
    StatusOr<Article> a = ParseJsonlArticle(line, where);
    if (a.ok()) {
      on_article(std::move(a).value());
    } else {
      on_error(a.status());
    }
  }
}

void EmitBytes(std::string&& bytes, Kind kind, const std::string& name, const ReaderOptions& opt,
               const std::function<void(Article&&)>& on_article,
               const std::function<void(const Status&)>& on_error) {
  if (kind == Kind::kUnknown) kind = Sniff(bytes);
  if (kind == Kind::kJsonl) {
    std::istringstream in(bytes);
    EmitJsonl(in, name, opt, on_article, on_error);
    return;
  }
  Article a;
  a.bytes = std::move(bytes);
  a.format = kind == Kind::kHtml ? InputFormat::kHtml : InputFormat::kText;
  a.source = name;
  on_article(std::move(a));
}

void EmitFile(const fs::path& p, const std::string& name, const ReaderOptions& opt,
              const std::function<void(Article&&)>& on_article,
              const std::function<void(const Status&)>& on_error) {
  Kind kind = KindOf(p);
  if (kind == Kind::kJsonl) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      on_error(Status::IOError("cannot open for reading").WithContext(name));
      return;
    }
    EmitJsonl(in, name, opt, on_article, on_error);
    return;
  }
  std::string bytes;
  Status st = ReadFile(p, opt.max_bytes, &bytes);
  if (!st.ok()) {
    on_error(st.WithContext(name));
    return;
  }
  EmitBytes(std::move(bytes), kind, name, opt, on_article, on_error);
}

}  // namespace

StatusOr<Article> ParseJsonlArticle(const std::string& line, const std::string& where) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument(where + ": not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument(where + ": expected a JSON object");
  Article a;
  a.source = where;
  auto str = [&](const char* key, std::string* out) -> Status {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::OK();
    if (!it->is_string()) return Status::InvalidArgument(where + ": field \"" + key + "\" is not a string");
    *out = it->get<std::string>();
    return Status::OK();
  };
  std::string text, html;
  PG_RETURN_IF_ERROR(str("text", &text));
  PG_RETURN_IF_ERROR(str("html", &html));
  PG_RETURN_IF_ERROR(str("id", &a.id));
  PG_RETURN_IF_ERROR(str("url", &a.url));
  PG_RETURN_IF_ERROR(str("published", &a.published));
  if (!html.empty()) {
    a.bytes = std::move(html);
    a.format = InputFormat::kHtml;
  } else if (!text.empty()) {
    a.bytes = std::move(text);
  } else {
    return Status::InvalidArgument(where + ": needs a non-empty \"text\" or \"html\" field");
  }
  return a;
}

void ForEachArticle(const std::vector<std::string>& paths, const ReaderOptions& opt,
                    const std::function<void(Article&&)>& on_article,
                    const std::function<void(const Status&)>& on_error) {
  for (const std::string& arg : paths) {
    if (arg == "-") {
      std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      if (Sniff(bytes) == Kind::kJsonl) {
        std::istringstream in(bytes);
        EmitJsonl(in, "-", opt, on_article, on_error);
      } else if (bytes.size() > opt.max_bytes) {
        on_error(Status::InvalidArgument("stdin is over the size limit").WithContext("-"));
      } else {
        EmitBytes(std::move(bytes), Kind::kUnknown, "-", opt, on_article, on_error);
      }
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      on_error(Status::NotFound("no such file or folder").WithContext(arg));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && KindOf(it->path()) != Kind::kUnknown) files.push_back(it->path());
      }
      if (ec) on_error(Status::IOError("cannot list folder: " + ec.message()).WithContext(arg));
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) EmitFile(f, f.string(), opt, on_article, on_error);
      continue;
    }
    EmitFile(p, arg, opt, on_article, on_error);
  }
}

}  // namespace pactgraph
