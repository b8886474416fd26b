//! A feature map with channels: `channels × rows × cols`, each channel a [`Grid`] of the same
//! shape. The input of a stack and the output of every layer is one.
//!
//! d2l's chapter starts with one-channel maps and goes on to several (a colour picture is
//! three); a one-channel map is the same thing with a count of 1, so every one-channel scene
//! reads exactly as it did before channels existed.

use super::error::ModelError;
use super::grid::Grid;
use super::layer::Hw;

/// One or more channels of the same shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Channels {
    planes: Vec<Grid>,
}

impl Default for Channels {
    /// One 1×1 channel holding 0.
    fn default() -> Channels {
        Channels { planes: vec![Grid::default()] }
    }
}

impl From<Grid> for Channels {
    fn from(grid: Grid) -> Channels {
        Channels { planes: vec![grid] }
    }
}

impl Channels {
    /// Channels from their grids: at least one, all of the first one's shape.
    pub fn new(planes: Vec<Grid>) -> Result<Channels, ModelError> {
        let first = planes.first().ok_or(ModelError::NoChannels)?;
        let shape = Hw::new(first.rows(), first.cols());
        if let Some((channel, g)) = planes.iter().enumerate().find(|(_, g)| Hw::new(g.rows(), g.cols()) != shape) {
            return Err(ModelError::UnequalChannels { channel, found: Hw::new(g.rows(), g.cols()), expected: shape });
        }
        Ok(Channels { planes })
    }

    /// How many channels (at least 1).
    pub fn count(&self) -> usize {
        self.planes.len()
    }

    /// The shape of every channel.
    pub fn shape(&self) -> Hw {
        self.planes.first().map_or(Hw::square(1), |g| Hw::new(g.rows(), g.cols()))
    }

    /// Channel `c`, if it exists.
    pub fn channel(&self, c: usize) -> Option<&Grid> {
        self.planes.get(c)
    }

    /// Every channel, in order.
    pub fn planes(&self) -> &[Grid] {
        &self.planes
    }

    /// Rows of every channel.
    pub fn rows(&self) -> usize {
        self.shape().h
    }

    /// Columns of every channel.
    pub fn cols(&self) -> usize {
        self.shape().w
    }

    /// The value at channel `c`, `(row, col)`, or `None` outside.
    pub fn get(&self, c: usize, row: usize, col: usize) -> Option<f64> {
        self.planes.get(c)?.get(row, col)
    }

    /// A copy with channel `c` replaced by `grid` (which must keep the shape).
    pub fn with_channel(&self, c: usize, grid: Grid) -> Result<Channels, ModelError> {
        let mut planes = self.planes.clone();
        let slot = planes.get_mut(c).ok_or(ModelError::NoSuchChannel { channel: c, count: self.count() })?;
        *slot = grid;
        Channels::new(planes)
    }

    /// A copy with `count` channels: the first ones kept, new ones zeros of the same shape.
    pub fn with_count(&self, count: usize) -> Result<Channels, ModelError> {
        let shape = self.shape();
        let zero = Grid::filled(shape.h, shape.w, 0.0)?;
        let planes = (0..count).map(|c| self.planes.get(c).cloned().unwrap_or_else(|| zero.clone())).collect();
        Channels::new(planes)
    }

    /// Every channel's cells, channel after channel, each row-major.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.planes.iter().flat_map(|g| g.values().iter().copied())
    }
}
