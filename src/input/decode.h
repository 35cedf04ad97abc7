// Bytes in any common encoding -> UTF-8 text that maps back to the bytes.
//
// Detection order: a byte-order mark (UTF-8, UTF-16 LE/BE) wins; then
// BOM-less UTF-16 recognised by its pattern of NUL bytes; then valid UTF-8;
// then Windows-1252 (a superset of Latin-1) when the bytes are not UTF-8 and
// look like a single-byte European text; else UTF-8 with every invalid
// sequence replaced by U+FFFD and counted in Decoded::replaced.
#ifndef PACTGRAPH_INPUT_DECODE_H_
#define PACTGRAPH_INPUT_DECODE_H_

#include <string>
#include <string_view>

#include "pactgraph/status.h"
#include "util/offset_text.h"

namespace pactgraph {

struct Decoded {
  // UTF-8; origins are byte offsets into the input. Bytes copied from UTF-8
  // input map one to one; every UTF-8 byte produced by converting one input
  // character (UTF-16 unit pair, cp1252 byte, replaced sequence) maps to that
  // character's first input byte.
  OffsetText text;
  std::string encoding;  // "utf-8", "utf-16le", "utf-16be", "windows-1252"
  size_t replaced = 0;   // invalid sequences (and stray NUL bytes) replaced by U+FFFD
  // The text is the input unchanged (valid UTF-8 without a byte-order mark):
  // every origin is the byte's own offset, so spans of text derived from it
  // already point into the input.
  bool identity = false;
};

// Fails with InvalidArgument("empty input") for empty or whitespace-only input
// and InvalidArgument("looks binary, not text") for input with NUL bytes
// (outside UTF-16) or many control bytes.
StatusOr<Decoded> Decode(std::string_view bytes);

}  // namespace pactgraph

#endif  // PACTGRAPH_INPUT_DECODE_H_
