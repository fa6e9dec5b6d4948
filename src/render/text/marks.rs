//! Full-width punctuation: which marks the 禁则 keep from a line's start or
//! end, and where each mark's ink sits in its cell.

/// Marks that may not start a line (GB/T 15834 and common 禁则): closing
/// brackets and quotes, sentence and pause marks, the interpunct.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '·' | '、'
            | '。'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〉'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '．'
            | '%'
            | '‰'
    )
}

/// Opening brackets and quotes, which may not end a line.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〈' | '［' | '｛' | '“' | '‘'
    )
}

/// Where a full-width mark's ink sits in its cell, or None when `c` is set
/// as ordinary text. Opening marks sit right, closing ones left (as in
/// 仿宋_GB2312), the interpunct, dashes and ellipses centred.
pub fn mark_align(c: char) -> Option<&'static str> {
    if no_line_end(c) {
        return Some("right");
    }
    match c {
        '、' | '。' | '，' | '；' | '：' | '？' | '！' | '）' | '》' | '」' | '』' | '】'
        | '〕' | '〗' | '〉' | '］' | '｝' | '”' | '’' | '．' => Some("left"),
        '·' | '—' | '…' => Some("center"),
        _ => None,
    }
}
