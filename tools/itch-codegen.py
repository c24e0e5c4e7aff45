#!/usr/bin/env python3
"""Generates the ITCH 5.0 message views, reprs, length table and dispatcher
from one table transcribed from the spec (shared/specs/itch-5.0.txt, section
numbers below). The generated C# is committed; run this only after editing the
table:  python3 tools/itch-codegen.py
"""
import os

# (type, class name, spec section, spec title, [(field, kind, length)])
# kinds: u8 u16 u32 u64 (Integer), a1/a2/a4 (Alpha), sym (Alpha 8 stock),
#        p4 p8 (Price (4)/(8)), oref (order reference), match (match number)
MESSAGES = [
    ("S", "SystemEvent", "1.1", "System Event Message", [("EventCode", "a1", 1)]),
    ("R", "StockDirectory", "1.2.1", "Stock Directory", [
        ("Stock", "sym", 8), ("MarketCategory", "a1", 1), ("FinancialStatusIndicator", "a1", 1),
        ("RoundLotSize", "u32", 4), ("RoundLotsOnly", "a1", 1), ("IssueClassification", "a1", 1),
        ("IssueSubType", "a2", 2), ("Authenticity", "a1", 1), ("ShortSaleThresholdIndicator", "a1", 1),
        ("IpoFlag", "a1", 1), ("LuldReferencePriceTier", "a1", 1), ("EtpFlag", "a1", 1),
        ("EtpLeverageFactor", "u32", 4), ("InverseIndicator", "a1", 1)]),
    ("H", "StockTradingAction", "1.2.2", "Stock Trading Action", [
        ("Stock", "sym", 8), ("TradingState", "a1", 1), ("Reserved", "a1", 1), ("Reason", "a4", 4)]),
    ("Y", "RegShoRestriction", "1.2.3", "Reg SHO Short Sale Price Test Restricted Indicator", [
        ("Stock", "sym", 8), ("RegShoAction", "a1", 1)]),
    ("L", "MarketParticipantPosition", "1.2.4", "Market Participant Position", [
        ("Mpid", "a4", 4), ("Stock", "sym", 8), ("PrimaryMarketMaker", "a1", 1),
        ("MarketMakerMode", "a1", 1), ("MarketParticipantState", "a1", 1)]),
    ("V", "MwcbDeclineLevel", "1.2.5.1", "MWCB Decline Level Message", [
        ("Level1", "p8", 8), ("Level2", "p8", 8), ("Level3", "p8", 8)]),
    ("W", "MwcbStatus", "1.2.5.2", "MWCB Status Message", [("BreachedLevel", "a1", 1)]),
    ("K", "IpoQuotingPeriodUpdate", "1.2.6", "Quoting Period Update", [
        ("Stock", "sym", 8), ("IpoQuotationReleaseTime", "u32", 4),
        ("IpoQuotationReleaseQualifier", "a1", 1), ("IpoPrice", "p4", 4)]),
    ("J", "LuldAuctionCollar", "1.2.7", "Limit Up - Limit Down (LULD) Auction Collar", [
        ("Stock", "sym", 8), ("AuctionCollarReferencePrice", "p4", 4), ("UpperAuctionCollarPrice", "p4", 4),
        ("LowerAuctionCollarPrice", "p4", 4), ("AuctionCollarExtension", "u32", 4)]),
    ("h", "OperationalHalt", "1.2.8", "Operational Halt", [
        ("Stock", "sym", 8), ("MarketCode", "a1", 1), ("OperationalHaltAction", "a1", 1)]),
    ("A", "AddOrder", "1.3.1", "Add Order - No MPID Attribution", [
        ("OrderReference", "oref", 8), ("Side", "a1", 1), ("Shares", "u32", 4),
        ("Stock", "sym", 8), ("Price", "p4", 4)]),
    ("F", "AddOrderWithMpid", "1.3.2", "Add Order with MPID Attribution", [
        ("OrderReference", "oref", 8), ("Side", "a1", 1), ("Shares", "u32", 4),
        ("Stock", "sym", 8), ("Price", "p4", 4), ("Attribution", "a4", 4)]),
    ("E", "OrderExecuted", "1.4.1", "Order Executed Message", [
        ("OrderReference", "oref", 8), ("ExecutedShares", "u32", 4), ("MatchNumber", "match", 8)]),
    ("C", "OrderExecutedWithPrice", "1.4.2", "Order Executed With Price Message", [
        ("OrderReference", "oref", 8), ("ExecutedShares", "u32", 4), ("MatchNumber", "match", 8),
        ("Printable", "a1", 1), ("ExecutionPrice", "p4", 4)]),
    ("X", "OrderCancel", "1.4.3", "Order Cancel Message", [
        ("OrderReference", "oref", 8), ("CancelledShares", "u32", 4)]),
    ("D", "OrderDelete", "1.4.4", "Order Delete Message", [("OrderReference", "oref", 8)]),
    ("U", "OrderReplace", "1.4.5", "Order Replace Message", [
        ("OriginalOrderReference", "oref", 8), ("NewOrderReference", "oref", 8),
        ("Shares", "u32", 4), ("Price", "p4", 4)]),
    ("P", "Trade", "1.5.1", "Trade Message (Non-Cross)", [
        ("OrderReference", "oref", 8), ("Side", "a1", 1), ("Shares", "u32", 4),
        ("Stock", "sym", 8), ("Price", "p4", 4), ("MatchNumber", "match", 8)]),
    ("Q", "CrossTrade", "1.5.2", "Cross Trade Message", [
        ("Shares", "u64", 8), ("Stock", "sym", 8), ("CrossPrice", "p4", 4),
        ("MatchNumber", "match", 8), ("CrossType", "a1", 1)]),
    ("B", "BrokenTrade", "1.5.3", "Broken Trade / Order Execution Message", [("MatchNumber", "match", 8)]),
    ("I", "NetOrderImbalance", "1.6", "Net Order Imbalance Indicator (NOII) Message", [
        ("PairedShares", "u64", 8), ("ImbalanceShares", "u64", 8), ("ImbalanceDirection", "a1", 1),
        ("Stock", "sym", 8), ("FarPrice", "p4", 4), ("NearPrice", "p4", 4),
        ("CurrentReferencePrice", "p4", 4), ("CrossType", "a1", 1), ("PriceVariationIndicator", "a1", 1)]),
    ("N", "RetailPriceImprovement", "1.7", "Retail Price Improvement Indicator (RPII)", [
        ("Stock", "sym", 8), ("InterestFlag", "a1", 1)]),
    ("O", "DirectListingCapitalRaise", "1.8", "Direct Listing with Capital Raise Price Discovery Message", [
        ("Stock", "sym", 8), ("OpenEligibilityStatus", "a1", 1), ("MinimumAllowablePrice", "p4", 4),
        ("MaximumAllowablePrice", "p4", 4), ("NearExecutionPrice", "p4", 4), ("NearExecutionTime", "u64", 8),
        ("LowerPriceRangeCollar", "p4", 4), ("UpperPriceRangeCollar", "p4", 4)]),
]

HEADER = [("StockLocate", "locate", 2), ("TrackingNumber", "u16", 2), ("Timestamp", "ts", 6)]

CS_TYPE = {"u8": "byte", "u16": "ushort", "u32": "uint", "u64": "ulong", "a1": "byte", "a2": "Alpha2",
           "a4": "Alpha4", "sym": "Symbol", "p4": "Price4", "p8": "Price8", "oref": "OrderRef",
           "match": "MatchNumber", "locate": "StockLocate", "ts": "ulong"}

READ = {"u8": "BigEndian.U8(_b, Field.{f})", "u16": "BigEndian.U16(_b, Field.{f})", "u32": "BigEndian.U32(_b, Field.{f})",
        "u64": "BigEndian.U64(_b, Field.{f})", "a1": "BigEndian.U8(_b, Field.{f})",
        "a2": "new(BigEndian.U16(_b, Field.{f}))", "a4": "new(BigEndian.U32(_b, Field.{f}))",
        "sym": "new(BigEndian.U64(_b, Field.{f}))", "p4": "new(BigEndian.U32(_b, Field.{f}))",
        "p8": "new(BigEndian.U64(_b, Field.{f}))", "oref": "new(BigEndian.U64(_b, Field.{f}))",
        "match": "new(BigEndian.U64(_b, Field.{f}))", "locate": "new(BigEndian.U16(_b, Field.{f}))",
        "ts": "BigEndian.U48(_b, Field.{f})"}

WRITE = {"u8": "b[{o}] = {v};", "u16": "BigEndian.WriteU16(b, {o}, {v});", "u32": "BigEndian.WriteU32(b, {o}, {v});",
         "u64": "BigEndian.WriteU64(b, {o}, {v});", "a1": "b[{o}] = {v};",
         "a2": "BigEndian.WriteU16(b, {o}, {v}.Value);", "a4": "BigEndian.WriteU32(b, {o}, {v}.Value);",
         "sym": "BigEndian.WriteU64(b, {o}, {v}.Value);", "p4": "BigEndian.WriteU32(b, {o}, {v}.Value);",
         "p8": "BigEndian.WriteU64(b, {o}, {v}.Value);", "oref": "BigEndian.WriteU64(b, {o}, {v}.Value);",
         "match": "BigEndian.WriteU64(b, {o}, {v}.Value);", "locate": "BigEndian.WriteU16(b, {o}, {v}.Value);",
         "ts": "BigEndian.WriteU48(b, {o}, {v});"}

GEN = "// <auto-generated> by tools/itch-codegen.py from the ITCH 5.0 spec table; edit the table, not this file. </auto-generated>\n"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "TickToTrade.MarketData", "Itch")


def layout(fields):
    off, rows = 1, []
    for name, kind, length in HEADER + fields:
        rows.append((name, kind, length, off))
        off += length
    return rows, off


def write(path, text):
    with open(path, "w") as f:
        f.write(GEN + text)


def view(t, name, sec, title, fields):
    rows, total = layout(fields)
    consts = "\n".join(f"        public const int {n} = {o};" for n, k, l, o in rows)
    props = "\n".join(
        f"    /// <summary>{n} ({l} byte{'s' if l > 1 else ''} at offset {o}).</summary>\n"
        f"    public {CS_TYPE[k]} {n} => {READ[k].format(f=n)};" for n, k, l, o in rows)
    return f"""using System.Runtime.CompilerServices;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Itch.Messages;

/// <summary>ITCH 5.0 §{sec} {title} ('{t}', {total} bytes): a zero-copy view over the message bytes.</summary>
public readonly ref struct {name}Message
{{
    /// <summary>The message type byte.</summary>
    public const byte Type = (byte)'{t}';
    /// <summary>Exact length in bytes (ITCH 5.0 §{sec}).</summary>
    public const int Length = {total};

    private static class Field
    {{
{consts}
    }}

    private readonly ReadOnlySpan<byte> _b;

    private {name}Message(ReadOnlySpan<byte> b) => _b = b;

    /// <summary>A view if <paramref name="message"/> is exactly this type and length; otherwise false.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> message, out {name}Message view)
    {{
        bool ok = message.Length == Length && message[0] == Type;
        view = ok ? new {name}Message(message) : default;
        return ok;
    }}

    /// <summary>For the dispatcher, which has already checked type and length against the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static {name}Message CreateUnchecked(ReadOnlySpan<byte> message) => new(message);

    /// <summary>The message's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _b;

{props}
}}
"""


def repr_(t, name, sec, title, fields):
    rows, total = layout(fields)
    params = ", ".join(f"{CS_TYPE[k]} {n}" for n, k, l, o in rows)
    args = ", ".join(f"v.{n}" for n, k, l, o in rows)
    emits = "\n".join("        " + WRITE[k].format(o=o, v=n) for n, k, l, o in rows)
    return f"""using TickToTrade.MarketData.Itch.Messages;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Itch.Reprs;

/// <summary>ITCH 5.0 §{sec} {title} ('{t}') as values, to parse and emit.</summary>
public readonly record struct {name}Repr({params}) : IItchRepr<{name}Repr>
{{
    /// <inheritdoc />
    public static byte Type => {name}Message.Type;
    /// <inheritdoc />
    public static int Length => {name}Message.Length;

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<byte> message, out {name}Repr repr)
    {{
        if (!{name}Message.TryCreate(message, out {name}Message v))
        {{
            repr = default;
            return false;
        }}
        repr = new {name}Repr({args});
        return true;
    }}

    /// <inheritdoc />
    public void Emit(Span<byte> b)
    {{
        b = b[..Length];
        b[0] = Type;
{emits}
    }}
}}
"""


def main():
    os.makedirs(os.path.join(OUT, "Messages"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "Reprs"), exist_ok=True)
    lengths = []
    for m in MESSAGES:
        t, name, sec, title, fields = m
        rows, total = layout(fields)
        write(os.path.join(OUT, "Messages", f"{name}Message.cs"), view(*m))
        write(os.path.join(OUT, "Reprs", f"{name}Repr.cs"), repr_(*m))
        lengths.append((t, name, sec, total))
    expected = {"S": 12, "R": 39, "H": 25, "Y": 20, "L": 26, "V": 35, "W": 12, "K": 28, "J": 35, "h": 21,
                "A": 36, "F": 40, "E": 31, "C": 36, "X": 23, "D": 19, "U": 35, "P": 44, "Q": 40, "B": 19,
                "I": 50, "N": 20, "O": 48}
    for t, name, sec, total in lengths:
        assert expected[t] == total, (t, total)

    table = [0] * 256
    for t, name, sec, total in lengths:
        table[ord(t)] = total
    rows = []
    for i in range(0, 256, 16):
        rows.append("        " + ", ".join(str(v) for v in table[i:i + 16]) + ",")
    notes = "\n".join(f"/// <item>'{t}' {total} bytes: §{sec} {name}</item>" for t, name, sec, total in lengths)
    write(os.path.join(OUT, "ItchMessageLengths.cs"), f"""using System.Runtime.CompilerServices;

namespace TickToTrade.MarketData.Itch;

/// <summary>
/// The exact length of every ITCH 5.0 message type, from the spec's field tables.
/// 0 means "not an ITCH 5.0 type". Checked before any field is read. The table
/// is a constant in the binary's data (a ReadOnlySpan over a literal): no
/// static constructor, no allocation, on first use or ever.
/// <list type="bullet">
{notes}
/// </list>
/// </summary>
public static class ItchMessageLengths
{{
    private static ReadOnlySpan<byte> Table =>
    [
{chr(10).join(rows)}
    ];

    /// <summary>Every type the spec defines, in spec order.</summary>
    public static ReadOnlySpan<byte> Types => "{''.join(t for t, *_ in lengths)}"u8;

    /// <summary>Length of messages of type <paramref name="type"/>, or 0 if unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(byte type) => Table[type];
}}
""")

    methods = "\n".join(f"    void On{name}({name}Message message);" for t, name, sec, total in lengths)
    write(os.path.join(OUT, "IItchHandler.cs"), f"""using TickToTrade.MarketData.Itch.Messages;

namespace TickToTrade.MarketData.Itch;

/// <summary>
/// Receives decoded ITCH messages, one method per type. Implement it on a struct
/// and pass it to <see cref="ItchDispatcher.Dispatch{{THandler}}"/> by ref: the
/// calls are devirtualised and inlined.
/// </summary>
public interface IItchHandler
{{
{methods}
}}
""")
    switch = "\n".join(
        f"            case (byte)'{t}': handler.On{name}({name}Message.CreateUnchecked(message)); break;"
        for t, name, sec, total in lengths)
    write(os.path.join(OUT, "ItchDispatcher.cs"), f"""using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch.Messages;

namespace TickToTrade.MarketData.Itch;

/// <summary>Checks a message against <see cref="ItchMessageLengths"/> and hands its typed view to a handler.</summary>
public static class ItchDispatcher
{{
    /// <summary>
    /// Dispatches one message. An empty message, an unknown type or a length other
    /// than the spec's is refused (returned, never thrown) before any field is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ItchStatus Dispatch<THandler>(ReadOnlySpan<byte> message, ref THandler handler)
        where THandler : struct, IItchHandler
    {{
        if (message.IsEmpty)
            return ItchStatus.Empty;
        int expected = ItchMessageLengths.Of(message[0]);
        if (expected == 0)
            return ItchStatus.UnknownType;
        if (message.Length != expected)
            return ItchStatus.WrongLength;
        switch (message[0])
        {{
{switch}
        }}
        return ItchStatus.Ok;
    }}
}}
""")


if __name__ == "__main__":
    main()
