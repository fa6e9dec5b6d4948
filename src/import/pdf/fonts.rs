//! Font repairs made before extraction, for what pdf-extract misreads.

/// pdf-extract 0.12 misreads the `c_first c_last w` form of a CID font's
/// `/W` array (it takes the first number for all three), so every glyph of
/// such a font (Typst's, among others) gets the default width and the
/// characters of a run pile up at one point. Rewrite each range into the
/// `c [w w …]` form, which it reads right.
pub fn normalise_cid_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let ids: Vec<pdf_extract::ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let w = match doc.objects.get(&id) {
            Some(Object::Dictionary(d))
                if matches!(
                    d.get(b"Subtype").and_then(|s| s.as_name()),
                    Ok(b"CIDFontType0" | b"CIDFontType2")
                ) =>
            {
                match d.get(b"W") {
                    Ok(Object::Array(a)) => a.clone(),
                    Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(|o| o.as_array())
                    {
                        Ok(a) => a.clone(),
                        Err(_) => continue,
                    },
                    _ => continue,
                }
            }
            _ => continue,
        };
        let int = |o: &Object| {
            o.as_i64()
                .ok()
                .or_else(|| o.as_float().ok().map(|f| f as i64))
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            match (w.get(i), w.get(i + 1), w.get(i + 2)) {
                (Some(first), Some(Object::Array(ws)), _) => {
                    out.push(first.clone());
                    out.push(Object::Array(ws.clone()));
                    i += 2;
                }
                (Some(a), Some(b), Some(width)) => {
                    let (Some(a), Some(b)) = (int(a), int(b)) else {
                        break;
                    };
                    let n = (b - a + 1).clamp(0, 65_536) as usize;
                    out.push(Object::Integer(a));
                    out.push(Object::Array(vec![width.clone(); n]));
                    i += 3;
                }
                _ => break,
            }
        }
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
            d.set("W", Object::Array(out));
        }
    }
}
