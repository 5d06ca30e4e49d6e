//! One optimizer step over the network's parameters. burn's `Sgd` and `Adam` compute every update
//! and keep every moment; this walks the few parameters of a playground network to hand them over.
//!
//! burn's `ModuleOptimizer` does that walk generically: a path string, hash-map lookups and a
//! dynamically dispatched step per parameter, after `GradientsParams` has moved every gradient
//! into a map of its own. For a 2-4-2 network at batch 10 the walk cost more than the math (about
//! a third of a step); here it is a loop over the parameters in a fixed order.

use std::any::Any;

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::optim::{Adam, AdamConfig, AdamState, AdamW, AdamWConfig, AdamWState, AdaptiveMomentumState, Optimizer, Sgd, SgdConfig};
use burn::prelude::*;
use burn::tensor::Gradients;

use super::config::OptimizerKind;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;

/// The configured optimizer and its state: two slots per layer (weight, bias), convolutions first.
pub enum ParamOptimizer {
    /// Plain stochastic gradient descent (no momentum, no decay).
    Sgd(Slots<Sgd>),
    /// Adam with burn's defaults.
    Adam(Slots<Adam>),
    /// AdamW with makemore's betas (0.9, 0.99) and the configured weight decay.
    Adamw(Slots<AdamW>),
}

/// An optimizer with one state slot per parameter.
pub struct Slots<O: Optimizer> {
    optim: O,
    /// Each parameter's state (an `O::State<D>` for a parameter of rank `D`).
    states: Vec<Option<Box<dyn Any + Send>>>,
}

impl ParamOptimizer {
    /// A fresh optimizer of `kind`, with no state yet.
    pub fn new(kind: OptimizerKind) -> Self {
        Self::with_decay(kind, 0.01)
    }

    /// A fresh optimizer of `kind`; AdamW decays weights by `weight_decay`.
    pub fn with_decay(kind: OptimizerKind, weight_decay: f64) -> Self {
        match kind {
            OptimizerKind::Sgd => Self::Sgd(Slots::new(SgdConfig::new().build())),
            OptimizerKind::Adam => Self::Adam(Slots::new(AdamConfig::new().build())),
            OptimizerKind::Adamw => {
                Self::Adamw(Slots::new(AdamWConfig::new().with_beta_2(0.99).with_weight_decay(weight_decay as f32).build()))
            }
        }
    }

    /// Moves every parameter of `model` one step against its gradient in `grads`.
    pub fn step(&mut self, learning_rate: f64, model: &mut Network, grads: &mut Gradients) {
        match self {
            Self::Sgd(s) => s.step(learning_rate, model, grads),
            Self::Adam(s) => s.step(learning_rate, model, grads),
            Self::Adamw(s) => s.step(learning_rate, model, grads),
        }
    }
}

/// One parameter's optimizer state as a project file keeps it: Adam's step count and moments
/// (plain SGD keeps none). Saved and restored, training resumes exactly where it stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotState {
    /// Steps this parameter has had.
    pub time: usize,
    /// The parameter's (and so each moment's) shape.
    pub shape: Vec<usize>,
    /// First moment, row-major.
    pub moment_1: Vec<f32>,
    /// Second moment, row-major.
    pub moment_2: Vec<f32>,
}

impl ParamOptimizer {
    /// Every slot's state read from the device, slot by slot (`None`: not stepped yet); empty for
    /// SGD, which keeps none.
    pub async fn saved(&self) -> Result<Vec<Option<SlotState>>> {
        let states = match self {
            Self::Sgd(_) => return Ok(Vec::new()),
            Self::Adam(slots) => &slots.states,
            Self::Adamw(slots) => &slots.states,
        };
        let mut out = Vec::with_capacity(states.len());
        for state in states {
            out.push(match state {
                Some(b) => Some(adam_slot(b.as_ref()).await?),
                None => None,
            });
        }
        Ok(out)
    }

    /// An optimizer of `kind` continuing from `saved` for `model`, its moments on `device` (the
    /// plain device the updates run on). States that do not fit the model's parameters are refused.
    pub fn restored(
        kind: OptimizerKind,
        weight_decay: f64,
        saved: Vec<Option<SlotState>>,
        model: &Network,
        device: &Device,
    ) -> Result<Self> {
        let bad = |why: String| PlaygroundError::InvalidData(format!("the project's optimizer state {why}"));
        let mut optimizer = Self::with_decay(kind, weight_decay);
        let adamw = kind == OptimizerKind::Adamw;
        let states = match &mut optimizer {
            Self::Sgd(_) => {
                return if saved.is_empty() { Ok(optimizer) } else { Err(bad("is Adam's, but the configuration says sgd".into())) };
            }
            Self::Adam(slots) => &mut slots.states,
            Self::Adamw(slots) => &mut slots.states,
        };
        let shapes = slot_shapes(model);
        if saved.len() > shapes.len() {
            return Err(bad(format!("has {} slots, the network {}", saved.len(), shapes.len())));
        }
        for (k, slot) in saved.into_iter().enumerate() {
            let Some(s) = slot else {
                states.push(None);
                continue;
            };
            let n: usize = s.shape.iter().product();
            if shapes[k].as_ref() != Some(&s.shape) || s.moment_1.len() != n || s.moment_2.len() != n {
                return Err(bad(format!("does not fit parameter {k} (shape {:?}, expected {:?})", s.shape, shapes[k])));
            }
            states.push(Some(match s.shape.len() {
                1 => adam_state::<1>(s, device, adamw),
                2 => adam_state::<2>(s, device, adamw),
                4 => adam_state::<4>(s, device, adamw),
                d => return Err(bad(format!("has a moment of rank {d}"))),
            }));
        }
        Ok(optimizer)
    }
}

/// Each slot's parameter shape, in the order [`Slots::step`] walks them (`None`: no bias there).
fn slot_shapes(model: &Network) -> Vec<Option<Vec<usize>>> {
    if let Network::Gpt(g) = model {
        struct Shapes(Vec<Option<Vec<usize>>>);
        impl ModuleVisitor for Shapes {
            fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
                self.0.push(Some(param.val().dims().to_vec()));
            }
        }
        let mut shapes = Shapes(Vec::new());
        g.visit(&mut shapes);
        return shapes.0;
    }
    let mut out = Vec::new();
    if let Some(e) = model.embedding() {
        out.push(Some(e.weight.dims().to_vec()));
        out.push(None);
    }
    for conv in model.convs() {
        out.push(Some(conv.weight.dims().to_vec()));
        out.push(conv.bias.as_ref().map(|b| b.dims().to_vec()));
    }
    for layer in model.layers() {
        out.push(Some(layer.weight.dims().to_vec()));
        out.push(layer.bias.as_ref().map(|b| b.dims().to_vec()));
    }
    out
}

/// Reads one Adam slot (of rank 1, 2 or 4) off the device.
async fn adam_slot(state: &(dyn Any + Send)) -> Result<SlotState> {
    if let Some(s) = state.downcast_ref::<AdamState<1>>() {
        return read_moments(&s.momentum).await;
    }
    if let Some(s) = state.downcast_ref::<AdamState<2>>() {
        return read_moments(&s.momentum).await;
    }
    if let Some(s) = state.downcast_ref::<AdamState<4>>() {
        return read_moments(&s.momentum).await;
    }
    if let Some(s) = state.downcast_ref::<AdamWState<1>>() {
        return read_moments(&s.momentum).await;
    }
    if let Some(s) = state.downcast_ref::<AdamWState<2>>() {
        return read_moments(&s.momentum).await;
    }
    Err(PlaygroundError::Backend("an optimizer slot holds a state of an unexpected kind".into()))
}

async fn read_moments<const D: usize>(m: &AdaptiveMomentumState<D>) -> Result<SlotState> {
    let read = async |t: &Tensor<D>| -> Result<Vec<f32>> {
        let data =
            t.clone().into_data_async().await.map_err(|e| PlaygroundError::Backend(format!("reading optimizer state failed: {e:?}")))?;
        data.convert::<f32>().try_into_vec().map_err(|e| PlaygroundError::Backend(format!("unexpected optimizer state: {e:?}")))
    };
    Ok(SlotState {
        time: m.time,
        shape: m.moment_1.dims().to_vec(),
        moment_1: read(&m.moment_1).await?,
        moment_2: read(&m.moment_2).await?,
    })
}

/// A saved slot as the state burn's Adam continues from.
fn adam_state<const D: usize>(s: SlotState, device: &Device, adamw: bool) -> Box<dyn Any + Send> {
    let shape: [usize; D] = s.shape.clone().try_into().expect("the rank was checked");
    let tensor = |v: Vec<f32>| Tensor::<D>::from_data(TensorData::new(v, shape), device);
    let momentum = AdaptiveMomentumState { time: s.time, moment_1: tensor(s.moment_1), moment_2: tensor(s.moment_2), max_moment_2: None };
    if adamw { Box::new(AdamWState { momentum }) } else { Box::new(AdamState { momentum }) }
}

impl<O: Optimizer> Slots<O> {
    fn new(optim: O) -> Self {
        Self { optim, states: Vec::new() }
    }

    fn step(&mut self, lr: f64, model: &mut Network, grads: &mut Gradients) {
        if matches!(model, Network::Gpt(_)) {
            // Many kinds of layers: burn's mapper visits every parameter, one slot each.
            if let Network::Gpt(g) = std::mem::replace(model, Network::Dense(crate::model::DenseLayers { layers: Vec::new() })) {
                *model = Network::Gpt(g.map(&mut EveryParam { slots: self, lr, grads, slot: 0 }));
            }
            return;
        }
        let mut slot = 0;
        if let Some(e) = model.embedding_mut() {
            self.update_layer(&mut slot, &mut e.weight, None, lr, grads);
        }
        for conv in model.convs_mut() {
            self.update_layer(&mut slot, &mut conv.weight, conv.bias.as_mut(), lr, grads);
        }
        for layer in model.layers_mut() {
            self.update_layer(&mut slot, &mut layer.weight, layer.bias.as_mut(), lr, grads);
        }
    }

    /// One layer's weight and bias, in slots `*slot` and `*slot + 1` (the bias slot stays unused
    /// without a bias, so the slots of later layers never shift).
    fn update_layer<const D: usize>(
        &mut self,
        slot: &mut usize,
        weight: &mut Param<Tensor<D>>,
        bias: Option<&mut Param<Tensor<1>>>,
        lr: f64,
        grads: &mut Gradients,
    ) {
        self.update(*slot, weight, lr, grads);
        if let Some(bias) = bias {
            self.update(*slot + 1, bias, lr, grads);
        }
        *slot += 2;
    }

    /// One parameter's update, computed by burn's optimizer.
    fn update<const D: usize>(&mut self, slot: usize, param: &mut Param<Tensor<D>>, lr: f64, grads: &mut Gradients) {
        let value = param.val();
        let Some(grad) = value.grad_remove(grads) else { return };
        if self.states.len() <= slot {
            self.states.resize_with(slot + 1, || None);
        }
        let state = self.states[slot].take().and_then(|s| s.downcast::<O::State<D>>().ok()).map(|s| *s);
        let (next, state) = self.optim.step(lr, value.inner(), grad, state);
        self.states[slot] = state.map(|s| Box::new(s) as Box<dyn Any + Send>);
        *param = Param::initialized(param.id, Tensor::from_inner(next).require_grad());
    }
}

/// Steps every parameter burn's mapper visits, each in the next slot.
struct EveryParam<'a, O: Optimizer> {
    slots: &'a mut Slots<O>,
    lr: f64,
    grads: &'a mut Gradients,
    slot: usize,
}

impl<O: Optimizer> ModuleMapper for EveryParam<'_, O> {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let mut p = param;
        self.slots.update(self.slot, &mut p, self.lr, self.grads);
        self.slot += 1;
        p
    }
}

#[cfg(test)]
mod tests {
    use burn::optim::GradientsParams;

    use super::*;
    use crate::model::{Activation, Architecture};
    use crate::train::backend::cpu_device;

    fn values(model: &Network) -> Vec<f32> {
        model.named_params().into_iter().flat_map(|(_, t)| t.into_data().convert::<f32>().try_to_vec::<f32>().unwrap()).collect()
    }

    /// Trains two copies of one network on the same batches, ours and burn's `ModuleOptimizer`:
    /// the starting weights, ours after, burn's after.
    fn both_ways(kind: OptimizerKind, lr: f64) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let device = cpu_device().autodiff();
        device.seed(5);
        let arch =
            Architecture { inputs: 3, image: None, conv: vec![], hidden: vec![5, 4], outputs: 3, activation: Activation::Tanh, text: None };
        let start = Network::new(&arch, &device);
        let x = Tensor::<2>::random([12, 3], burn::tensor::Distribution::Normal(0.0, 1.0), &device);
        let y = Tensor::<2>::random([12, 3], burn::tensor::Distribution::Normal(0.0, 1.0), &device);
        let loss = |m: &Network| (m.forward(x.clone(), Activation::Tanh) - y.clone()).square().mean();
        let before = values(&start);
        let (mut ours, mut theirs) = (start.clone(), start);
        let mut optimizer = ParamOptimizer::new(kind);
        let mut burns = match kind {
            OptimizerKind::Sgd => SgdConfig::new().init(),
            OptimizerKind::Adam => AdamConfig::new().init(),
            OptimizerKind::Adamw => AdamWConfig::new().with_beta_2(0.99).with_weight_decay(0.01).init(),
        };
        for _ in 0..25 {
            let mut grads = loss(&ours).backward();
            optimizer.step(lr, &mut ours, &mut grads);
            let grads = GradientsParams::from_grads(loss(&theirs).backward(), &theirs);
            theirs = burns.step(lr, theirs, grads);
        }
        (before, values(&ours), values(&theirs))
    }

    #[test]
    fn sgd_and_adam_move_the_weights_as_burns_module_optimizer_does() {
        for (kind, lr) in [(OptimizerKind::Sgd, 0.1), (OptimizerKind::Adam, 0.01), (OptimizerKind::Adamw, 0.01)] {
            let (before, ours, theirs) = both_ways(kind, lr);
            let worst = ours.iter().zip(&theirs).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
            assert!(worst < 1e-6, "{kind:?}: weights differ by up to {worst}");
            let moved = before.iter().zip(&ours).filter(|(a, b)| a != b).count();
            assert!(moved == before.len(), "{kind:?}: only {moved} of {} weights moved", before.len());
        }
    }
}
