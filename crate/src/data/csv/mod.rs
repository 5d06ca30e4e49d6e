//! Datasets as CSV text: `x,y,label` for 2D points, `x,y,value` for points carrying values
//! (regression), `p0_0,…,p<h-1>_<w-1>,label` for images (pixels row by row, the header naming each
//! pixel's row and column). Reading accepts CSV as spreadsheets and pandas write it (see `read`);
//! writing is always the plain form above. Errors name the line (the header is line 1) and the
//! column of the bad value.

mod read;
mod write;

pub use read::{ParsedCsv, parse_csv};
pub use write::{to_csv, to_csv_with_sources};
