#pragma once
// RemotingCommand: one request or response of RocketMQ's remoting protocol (spec/remoting.md §3).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "proto/ext_fields.hpp"
#include "proto/flags.hpp"
#include "proto/header_codec.hpp"
#include "proto/language_code.hpp"
#include "proto/protocol_error.hpp"
#include "proto/response_code.hpp"

namespace rmq::remoting {

using proto::ExtFields;
using proto::LanguageCode;
using proto::SerializeType;

struct RemotingCommand {
    int32_t code = 0;
    LanguageCode language = LanguageCode::JAVA;
    int32_t version = proto::kVersionV4_9_8;
    int32_t opaque = 0;
    int32_t flag = 0;
    std::optional<std::string> remark;
    /// nullopt: the frame had no "extFields"; an empty map: it had "extFields":{} (Java sends
    /// that for a header class whose fields are all null).
    std::optional<ExtFields> ext_fields;
    /// The serialization of the header on the wire; responses mirror their request's.
    SerializeType serialize_type = SerializeType::JSON;

    std::string body;
    /// Extra body bytes sent after `body` without copying (the pull path points these into the
    /// mapped commit log); `body_owner` keeps that memory alive until the frame is written.
    std::vector<std::span<const char>> body_views;
    std::shared_ptr<const void> body_owner;

    bool is_response() const { return (flag & proto::rpc_flag::kResponse) != 0; }
    bool is_oneway() const { return (flag & proto::rpc_flag::kOneway) != 0; }
    void mark_response() { flag |= proto::rpc_flag::kResponse; }
    void mark_oneway() { flag |= proto::rpc_flag::kOneway; }
    size_t body_size() const;

    /// Replaces extFields with the encoded `header` (an all-null header yields `{}`, like Java).
    template <class Header>
    void set_header(const Header& header) {
        ext_fields.emplace();
        proto::encode_header(header, *ext_fields);
    }
    template <class Header>
    proto::Result<Header> decode_header() const {
        return proto::decode_header<Header>(ext_fields ? &*ext_fields : nullptr);
    }
    const std::string* ext(std::string_view key) const {
        return ext_fields ? ext_fields->find(key) : nullptr;
    }

    static RemotingCommand request(int32_t code);
    /// A response to `request`: same opaque and serialize type, flag = response, our language and
    /// version.
    static RemotingCommand response_to(const RemotingCommand& request, int32_t code,
                                       std::optional<std::string> remark = std::nullopt);
    static RemotingCommand response_to(const RemotingCommand& request, proto::ResponseCode code,
                                       std::optional<std::string> remark = std::nullopt) {
        return response_to(request, proto::to_int(code), std::move(remark));
    }
    /// The answer to a request whose header did not decode (code and remark from the error).
    static RemotingCommand response_to(const RemotingCommand& request,
                                       const proto::ProtocolError& error) {
        return response_to(request, error.code, error.remark);
    }
};

}  // namespace rmq::remoting
