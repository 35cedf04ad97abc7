// Bytes in any common encoding -> UTF-8 text that maps back to the bytes.
#ifndef PACTGRAPH_INPUT_DECODE_H_
#define PACTGRAPH_INPUT_DECODE_H_

#include <string>
#include <string_view>

#include "pactgraph/status.h"
#include "util/offset_text.h"

namespace pactgraph {

struct Decoded {
  OffsetText text;       // UTF-8; origins are byte offsets into the input
  std::string encoding;  // "utf-8", "utf-16le", "utf-16be", "windows-1252"
  size_t replaced = 0;   // invalid sequences replaced by U+FFFD
};

// Fails with InvalidArgument for empty input or input that looks binary.
StatusOr<Decoded> Decode(std::string_view bytes);

}  // namespace pactgraph

#endif  // PACTGRAPH_INPUT_DECODE_H_
