#pragma once
// Bit sets shared by every layer: remoting flag, serialize type, message/pull/topic sys flags and
// permissions (spec/remoting.md §5, spec/message-format.md §8, §11).
#include <cstdint>

namespace rmq::proto {

/// Java 4.9.8 MQVersion.CURRENT_VERSION ordinal (V4_9_8); servers answer with it.
inline constexpr int32_t kVersionV4_9_8 = 409;

enum class SerializeType : uint8_t { JSON = 0, ROCKETMQ = 1 };

namespace rpc_flag {
inline constexpr int32_t kResponse = 0x1;
inline constexpr int32_t kOneway = 0x2;
}  // namespace rpc_flag

namespace msg_sys_flag {
inline constexpr int32_t kCompressed = 0x1;
inline constexpr int32_t kMultiTags = 0x2;
inline constexpr int32_t kTransactionNotType = 0x0;
inline constexpr int32_t kTransactionPreparedType = 0x4;
inline constexpr int32_t kTransactionCommitType = 0x8;
inline constexpr int32_t kTransactionRollbackType = 0xC;
inline constexpr int32_t kTransactionMask = 0xC;
inline constexpr int32_t kBornHostV6 = 0x10;
inline constexpr int32_t kStoreHostV6 = 0x20;
inline constexpr int32_t kNeedUnwrap = 0x40;
inline constexpr int32_t kInnerBatch = 0x80;
inline constexpr int32_t kCompressionTypeMask = 0x700;
inline constexpr int32_t kCompressionTypeShift = 8;
}  // namespace msg_sys_flag

enum class CompressionType : uint8_t { LegacyZlib = 0, LZ4 = 1, ZSTD = 2, ZLIB = 3 };

namespace pull_sys_flag {
inline constexpr int32_t kCommitOffset = 0x1;
inline constexpr int32_t kSuspend = 0x2;
inline constexpr int32_t kSubscription = 0x4;
inline constexpr int32_t kClassFilter = 0x8;
inline constexpr int32_t kLitePull = 0x10;
}  // namespace pull_sys_flag

namespace perm {
inline constexpr int32_t kPriority = 0x8;
inline constexpr int32_t kRead = 0x4;
inline constexpr int32_t kWrite = 0x2;
inline constexpr int32_t kInherit = 0x1;
}  // namespace perm

namespace topic_sys_flag {
inline constexpr int32_t kUnit = 0x1;
inline constexpr int32_t kUnitSub = 0x2;
}  // namespace topic_sys_flag

}  // namespace rmq::proto
