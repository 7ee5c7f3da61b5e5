#pragma once
// RocketMQ 4.9.8 response codes (spec/codes.md §3). 5.x reuses 209-211 with other meanings; a
// 4.x-compatible server emits the 4.x meanings only.
#include <cstdint>
#include <string_view>

namespace rmq::proto {

#define RMQ_RESPONSE_CODES(X)                       \
    X(SUCCESS, 0)                                   \
    X(SYSTEM_ERROR, 1)                              \
    X(SYSTEM_BUSY, 2)                               \
    X(REQUEST_CODE_NOT_SUPPORTED, 3)                \
    X(TRANSACTION_FAILED, 4)                        \
    X(FLUSH_DISK_TIMEOUT, 10)                       \
    X(SLAVE_NOT_AVAILABLE, 11)                      \
    X(FLUSH_SLAVE_TIMEOUT, 12)                      \
    X(MESSAGE_ILLEGAL, 13)                          \
    X(SERVICE_NOT_AVAILABLE, 14)                    \
    X(VERSION_NOT_SUPPORTED, 15)                    \
    X(NO_PERMISSION, 16)                            \
    X(TOPIC_NOT_EXIST, 17)                          \
    X(TOPIC_EXIST_ALREADY, 18)                      \
    X(PULL_NOT_FOUND, 19)                           \
    X(PULL_RETRY_IMMEDIATELY, 20)                   \
    X(PULL_OFFSET_MOVED, 21)                        \
    X(QUERY_NOT_FOUND, 22)                          \
    X(SUBSCRIPTION_PARSE_FAILED, 23)                \
    X(SUBSCRIPTION_NOT_EXIST, 24)                   \
    X(SUBSCRIPTION_NOT_LATEST, 25)                  \
    X(SUBSCRIPTION_GROUP_NOT_EXIST, 26)             \
    X(FILTER_DATA_NOT_EXIST, 27)                    \
    X(FILTER_DATA_NOT_LATEST, 28)                   \
    X(TRANSACTION_SHOULD_COMMIT, 200)               \
    X(TRANSACTION_SHOULD_ROLLBACK, 201)             \
    X(TRANSACTION_STATE_UNKNOW, 202)                \
    X(TRANSACTION_STATE_GROUP_WRONG, 203)           \
    X(NO_BUYER_ID, 204)                             \
    X(NOT_IN_CURRENT_UNIT, 205)                     \
    X(CONSUMER_NOT_ONLINE, 206)                     \
    X(CONSUME_MSG_TIMEOUT, 207)                     \
    X(NO_MESSAGE, 208)                              \
    X(UPDATE_AND_CREATE_ACL_CONFIG_FAILED, 209)     \
    X(DELETE_ACL_CONFIG_FAILED, 210)                \
    X(UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED, 211) \
    X(FLOW_CONTROL, 215)

enum class ResponseCode : int32_t {
#define RMQ_X(name, value) name = value,
    RMQ_RESPONSE_CODES(RMQ_X)
#undef RMQ_X
};

constexpr std::string_view response_code_name(int32_t code) {
    switch (code) {
#define RMQ_X(name, value) \
    case value:            \
        return #name;
        RMQ_RESPONSE_CODES(RMQ_X)
#undef RMQ_X
    }
    return "UNKNOWN";
}

constexpr int32_t to_int(ResponseCode c) {
    return static_cast<int32_t>(c);
}

}  // namespace rmq::proto
