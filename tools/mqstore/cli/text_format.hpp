#pragma once
// Human-readable pieces of mqstore's text output.
#include <cstdint>
#include <string>
#include <string_view>

namespace rmq::mqstore {

/// "2026-11-22 14:17:20.783 +0100" in local time (the zone is printed, so copies of the output
/// from different machines still compare); "-" for 0.
std::string format_time(int64_t epoch_ms);

/// "2.4 MiB" (binary units, one decimal); plain "123 B" below 1 KiB.
std::string format_bytes(uint64_t bytes);

/// "0x301 (compressed, zlib)": the hex value and the meaning of the bits that are set.
std::string describe_sys_flag(int32_t sys_flag);

/// Valid UTF-8 without control characters other than tab, CR and LF.
bool is_printable_text(std::string_view bytes);

/// For a terminal: control characters and invalid UTF-8 bytes as \xNN, the rest as is.
std::string display_text(std::string_view bytes);

}  // namespace rmq::mqstore
