//! Where things go on screen, shared by `update` (paging, mouse hits) and the views
//! (drawing), so both agree without the views writing anything back into the model.

use ratatui::layout::Rect;

/// Lines of the header (cluster info and key hints).
pub const HEADER: u16 = 4;

pub struct Areas {
    pub header: Rect,
    /// The command/filter prompt, when open.
    pub prompt: Option<Rect>,
    /// The disconnected banner, when shown.
    pub banner: Option<Rect>,
    /// The page, including its border.
    pub body: Rect,
    pub crumbs: Rect,
    pub flash: Rect,
}

pub fn areas(area: Rect, prompt: bool, banner: bool) -> Areas {
    let mut y = area.y;
    let take = |y: &mut u16, h: u16| {
        let h = h.min(area.bottom().saturating_sub(*y));
        let r = Rect { x: area.x, y: *y, width: area.width, height: h };
        *y += h;
        r
    };
    let header = take(&mut y, HEADER);
    let prompt = prompt.then(|| take(&mut y, 3));
    let banner = banner.then(|| take(&mut y, 1));
    let bottom = area.bottom();
    let body_h = bottom.saturating_sub(y).saturating_sub(2);
    let body = take(&mut y, body_h);
    let crumbs = take(&mut y, 1);
    let flash = take(&mut y, 1);
    Areas { header, prompt, banner, body, crumbs, flash }
}

/// Rows of data a table shows (body minus borders and the column header).
pub fn table_rows(width: u16, height: u16, prompt: bool, banner: bool) -> usize {
    let a = areas(Rect::new(0, 0, width, height), prompt, banner);
    a.body.height.saturating_sub(3) as usize
}

/// Lines a text page shows (body minus borders).
pub fn text_rows(width: u16, height: u16, prompt: bool, banner: bool) -> usize {
    let a = areas(Rect::new(0, 0, width, height), prompt, banner);
    a.body.height.saturating_sub(2) as usize
}
