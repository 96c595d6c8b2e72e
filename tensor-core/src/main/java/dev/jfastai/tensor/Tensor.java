package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.InPlace;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.TensorFormatter;
import dev.jfastai.tensor.internal.access.TensorInternals;
import dev.jfastai.tensor.internal.kernels.BinaryOp;
import dev.jfastai.tensor.internal.ops.Abs;
import dev.jfastai.tensor.internal.ops.Add;
import dev.jfastai.tensor.internal.ops.Cat;
import dev.jfastai.tensor.internal.ops.Clamp;
import dev.jfastai.tensor.internal.ops.Div;
import dev.jfastai.tensor.internal.ops.Elementwise;
import dev.jfastai.tensor.internal.ops.Exp;
import dev.jfastai.tensor.internal.ops.Expand;
import dev.jfastai.tensor.internal.ops.IndexSelect;
import dev.jfastai.tensor.internal.ops.Linear;
import dev.jfastai.tensor.internal.ops.Log;
import dev.jfastai.tensor.internal.ops.MatMul;
import dev.jfastai.tensor.internal.ops.MaxAll;
import dev.jfastai.tensor.internal.ops.MaxDim;
import dev.jfastai.tensor.internal.ops.Mul;
import dev.jfastai.tensor.internal.ops.Neg;
import dev.jfastai.tensor.internal.ops.Permute;
import dev.jfastai.tensor.internal.ops.PowScalar;
import dev.jfastai.tensor.internal.ops.Relu;
import dev.jfastai.tensor.internal.ops.Sigmoid;
import dev.jfastai.tensor.internal.ops.Softplus;
import dev.jfastai.tensor.internal.ops.Sqrt;
import dev.jfastai.tensor.internal.ops.Sub;
import dev.jfastai.tensor.internal.ops.SumAll;
import dev.jfastai.tensor.internal.ops.SumDim;
import dev.jfastai.tensor.internal.ops.Tanh;
import dev.jfastai.tensor.internal.ops.Where;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A float32 n-dimensional array with PyTorch semantics: NumPy broadcasting, reductions, matmul, views, and
 * reverse-mode autograd ({@link #requiresGrad(boolean)}, {@link #backward()}, {@link #grad()}). Storage is a
 * contiguous row-major {@code float[]}; views (reshape, narrow along dim 0, detach) share it.
 */
public final class Tensor {
  static { TensorInternals.register(new InternalsAccess()); }

  private final float[] data;
  private final int offset;
  private final int[] shape;
  private final int numel;
  private boolean requiresGrad;
  LeafGradient grad; // created with the first gradient (LeafGradient.of); read in this package, as gradFn
  Function gradFn; // the op that made this tensor, null for a leaf: BackwardEngine walks the graph through it
  boolean intermediate; // reachable only through the graph (TensorInternals.markIntermediate): DeadStorage recycles it
  final int[] versionCounter; // in-place writes to the storage, shared with every view (see Function.save)
  final String readOnlyReason; // why in-place writes are refused (see readOnlyView), or null when they are not

  private Tensor(float[] data, int offset, int[] shape) {
    this(data, offset, shape, new int[1], null);
  }

  private Tensor(float[] data, int offset, int[] shape, int[] versionCounter, String readOnlyReason) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.versionCounter = versionCounter;
    this.readOnlyReason = readOnlyReason;
    this.numel = Shapes.numel(shape);
    if (offset < 0 || offset + numel > data.length) {
      throw new IllegalArgumentException("tensor: shape " + Shapes.str(shape) + " needs " + numel
          + " elements from offset " + offset + " but the array has " + data.length);
    }
  }

  /** A tensor holding a copy of {@code data}, whose length must equal the product of {@code shape}. */
  public static Tensor of(float[] data, int... shape) {
    Shapes.checkFills("of", data.length, shape);
    return new Tensor(data.clone(), 0, Shapes.checked("of", shape));
  }

  /** A tensor backed by {@code data} itself (no copy): later writes to the array show in the tensor. */
  public static Tensor wrap(float[] data, int... shape) {
    Shapes.checkFills("wrap", data.length, shape);
    return new Tensor(data, 0, Shapes.checked("wrap", shape));
  }

  /** A rank-0 tensor. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, 0, new int[0]);
  }

  public static Tensor zeros(int... shape) { return full(0f, shape); }

  public static Tensor ones(int... shape) { return full(1f, shape); }

  public static Tensor full(float value, int... shape) {
    int[] s = Shapes.checked("full", shape);
    float[] d = new float[Shapes.numel(s)];
    if (value != 0f) Arrays.fill(d, value);
    return new Tensor(d, 0, s);
  }

  public static Tensor zerosLike(Tensor t) {
    return zeros(t.shape);
  }

  public static Tensor onesLike(Tensor t) {
    return ones(t.shape);
  }

  public static Tensor arange(int n) {
    return arange(0, n, 1);
  }

  /** start, start+step, ... up to but excluding end, like {@code torch.arange}. */
  public static Tensor arange(float start, float end, float step) {
    int n = Shapes.arangeLength(start, end, step);
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = (float) (start + (double) i * step);
    return new Tensor(d, 0, new int[] {n});
  }

  /** Uniform in [0, 1). */
  public static Tensor rand(Generator generator, int... shape) {
    return uniform(generator, 0f, 1f, shape);
  }

  /** Uniform in [low, high). */
  public static Tensor uniform(Generator generator, float low, float high, int... shape) {
    int[] s = Shapes.checked("uniform", shape);
    return new Tensor(generator.fillUniform(new float[Shapes.numel(s)], low, high), 0, s);
  }

  /** Standard normal. */
  public static Tensor randn(Generator generator, int... shape) {
    int[] s = Shapes.checked("randn", shape);
    return new Tensor(generator.fillGaussian(new float[Shapes.numel(s)]), 0, s);
  }

  /** The sizes of each dim (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The size of one dim; negative dims count from the end. */
  public int size(int dim) {
    return shape[Shapes.dim("size", dim, shape.length)];
  }

  public int dim() {
    return shape.length;
  }

  public int numel() {
    return numel;
  }

  /** The single value of a one-element tensor. */
  public float item() {
    if (numel != 1) throw new IllegalStateException("item: only one-element tensors have an item, shape is "
        + Shapes.str(shape));
    return data[offset];
  }

  /** The value at a full index, e.g. {@code getFloat(row, col)}. */
  public float getFloat(int... index) {
    return data[offset + Shapes.flatIndex("getFloat", shape, index)];
  }

  /** The values in row-major order (a copy). */
  public float[] toFloatArray() {
    return Arrays.copyOfRange(data, offset, offset + numel);
  }

  /** The shared storage: element i is {@code array()[arrayOffset() + i]}; writes here skip version/read-only checks. */
  public float[] array() {
    return data;
  }

  public int arrayOffset() {
    return offset;
  }

  @Override
  public String toString() {
    String suffix = gradFn != null ? "gradFn=<" + gradFn.name() + ">" : requiresGrad ? "requiresGrad=true" : "";
    return TensorFormatter.format(data, offset, shape, suffix);
  }

  public Tensor add(Tensor other) {
    return new Add().apply(this, other);
  }

  public Tensor add(float value) {
    return add(scalar(value));
  }

  public Tensor sub(Tensor other) {
    return new Sub().apply(this, other);
  }

  public Tensor sub(float value) {
    return sub(scalar(value));
  }

  /** {@code value - this}. */
  public Tensor rsub(float value) {
    return scalar(value).sub(this);
  }

  public Tensor mul(Tensor other) {
    return new Mul().apply(this, other);
  }

  public Tensor mul(float value) {
    return mul(scalar(value));
  }

  public Tensor div(Tensor other) {
    return new Div().apply(this, other);
  }

  public Tensor div(float value) {
    return div(scalar(value));
  }

  public Tensor neg() {
    return new Neg().apply(this);
  }

  public Tensor exp() {
    return new Exp().apply(this);
  }

  public Tensor log() {
    return new Log().apply(this);
  }

  public Tensor sigmoid() {
    return new Sigmoid().apply(this);
  }

  public Tensor relu() {
    return new Relu().apply(this);
  }

  public Tensor tanh() {
    return new Tanh().apply(this);
  }

  public Tensor sqrt() {
    return new Sqrt().apply(this);
  }

  public Tensor abs() {
    return new Abs().apply(this);
  }

  public Tensor softplus() {
    return new Softplus().apply(this);
  }

  public Tensor pow(float exponent) {
    return new PowScalar(exponent).apply(this);
  }

  public Tensor clamp(float min, float max) {
    return new Clamp(min, max).apply(this);
  }

  public Tensor clampMin(float min) {
    return clamp(min, Float.POSITIVE_INFINITY);
  }

  public Tensor gt(Tensor other) {
    return Elementwise.binary("gt", BinaryOp.GT, this, other);
  }

  public Tensor gt(float value) {
    return gt(scalar(value));
  }

  public Tensor lt(Tensor other) {
    return Elementwise.binary("lt", BinaryOp.LT, this, other);
  }

  public Tensor lt(float value) {
    return lt(scalar(value));
  }

  public Tensor ge(Tensor other) {
    return Elementwise.binary("ge", BinaryOp.GE, this, other);
  }

  public Tensor ge(float value) {
    return ge(scalar(value));
  }

  public Tensor le(Tensor other) {
    return Elementwise.binary("le", BinaryOp.LE, this, other);
  }

  public Tensor le(float value) {
    return le(scalar(value));
  }

  public Tensor eq(Tensor other) {
    return Elementwise.binary("eq", BinaryOp.EQ, this, other);
  }

  public Tensor eq(float value) {
    return eq(scalar(value));
  }

  /** Elementwise {@code cond != 0 ? a : b}, all three broadcast together; differentiable in a and b. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return new Where().apply(cond, a, b);
  }

  /** Sum of all elements (rank 0). */
  public Tensor sum() {
    return new SumAll().apply(this);
  }

  /** Mean of all elements (rank 0). */
  public Tensor mean() {
    return sum().div(numel);
  }

  public Tensor sum(int dim) {
    return sum(dim, false);
  }

  public Tensor sum(int dim, boolean keepDim) {
    if (shape.length == 0) return sum();
    return new SumDim(Shapes.dim("sum", dim, shape.length), keepDim).apply(this);
  }

  public Tensor mean(int dim) {
    return mean(dim, false);
  }

  public Tensor mean(int dim, boolean keepDim) {
    if (shape.length == 0) return mean();
    int d = Shapes.dim("mean", dim, shape.length);
    return sum(d, keepDim).div(shape[d]);
  }

  /** Largest element (rank 0). */
  public Tensor max() {
    return new MaxAll().apply(this);
  }

  /** Largest values along {@code dim} (the dim removed); see {@link #argmax(int)} for where they are. */
  public Tensor max(int dim) {
    return max(dim, false);
  }

  public Tensor max(int dim, boolean keepDim) {
    return new MaxDim(Shapes.dim("max", dim, shape.length), keepDim).apply(this);
  }

  /** Index of the first largest value along {@code dim}, as floats holding integers. */
  public Tensor argmax(int dim) {
    return MaxDim.argmax(this, Shapes.dim("argmax", dim, shape.length));
  }

  /**
   * Matrix product with {@code torch.matmul}'s rules: 2-D x 2-D, batched [..., m, k] x [..., k, n] with broadcast
   * batch dims, and 1-D operands treated as a row (left) or column (right) vector that is removed afterwards.
   */
  public Tensor matmul(Tensor other) {
    return MatMul.matmul(this, other);
  }

  /** {@code x · weightᵀ + bias} for weight [out, in] and bias [out] (or null), fused as PyTorch's {@code F.linear}. */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return bias == null ? new Linear().apply(x, weight) : new Linear().apply(x, weight, bias);
  }

  /** Transpose of a matrix (a 1-D or 0-D tensor is returned as is, like PyTorch). */
  public Tensor t() {
    if (shape.length > 2) throw new IllegalArgumentException("t: expects a tensor of at most 2 dims, got "
        + Shapes.str(shape));
    return shape.length < 2 ? this : transpose(0, 1);
  }

  /** Swaps two dims (a copy). */
  public Tensor transpose(int dim0, int dim1) {
    int[] perm = Permute.swapping(dim0, dim1, shape.length);
    return perm == null ? this : new Permute(perm).apply(this);
  }

  /** Reorders the dims (a copy). */
  public Tensor permute(int... dims) {
    return new Permute(Permute.validate(dims, shape.length)).apply(this);
  }

  /** Same data in a new shape (one size may be -1); shares storage. */
  public Tensor view(int... newShape) {
    return reshapeAs("view", newShape);
  }

  /** Same data in a new shape (one size may be -1); shares storage, since tensors are always contiguous. */
  public Tensor reshape(int... newShape) {
    return reshapeAs("reshape", newShape);
  }

  private Tensor reshapeAs(String op, int[] newShape) {
    int[] target = Shapes.inferView(op, shape, newShape);
    return Arrays.equals(target, shape) ? this : new ViewOps.Reshape(target).apply(this);
  }

  public Tensor flatten() {
    return shape.length == 1 ? this : reshape(numel);
  }

  /** Merges dims {@code startDim..-1} into one, PyTorch's {@code torch.flatten(x, start_dim)}. */
  public Tensor flatten(int startDim) { return ViewOps.flatten(this, startDim); }

  /** Merges dims {@code startDim..endDim} into one. */
  public Tensor flatten(int startDim, int endDim) {
    return shape.length == 0 ? reshape(1) : reshape(Shapes.flattened(shape, startDim, endDim));
  }

  /** Inserts a size-1 dim at {@code dim} (negative counts from the end of the result). */
  public Tensor unsqueeze(int dim) {
    return reshape(Shapes.unsqueezed(shape, dim));
  }

  /** Removes every size-1 dim. */
  public Tensor squeeze() {
    return reshape(Arrays.stream(shape).filter(s -> s != 1).toArray());
  }

  /** Removes {@code dim} if its size is 1, else returns the tensor unchanged (like PyTorch). */
  public Tensor squeeze(int dim) {
    return ViewOps.squeeze(this, dim);
  }

  /** Broadcasts to {@code newShape} (materialised; sizes must match or be 1 here). */
  public Tensor expand(int... newShape) {
    int[] target = Expand.resolve(shape, newShape);
    return Arrays.equals(target, shape) ? this : new Expand(target).apply(this);
  }

  /** Concatenates along {@code dim}; shapes must agree elsewhere. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Cat.cat(tensors, dim);
  }

  /** Stacks equal-shaped tensors along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Cat.stack(tensors, dim);
  }

  /** {@code length} entries of {@code dim} from {@code start}; along dim 0 this shares storage (a batch of rows). */
  public Tensor narrow(int dim, int start, int length) {
    int d = Shapes.dim("narrow", dim, shape.length);
    return start == 0 && length == shape[d] ? this : new ViewOps.Narrow(d, start, length).apply(this);
  }

  /** Row {@code i} along dim 0, with that dim removed (shares storage). */
  public Tensor get(int i) {
    return ViewOps.row(this, i);
  }

  /** The slices at {@code indices} along {@code dim}, in that order (a copy). */
  public Tensor indexSelect(int dim, int[] indices) {
    return new IndexSelect(Shapes.dim("indexSelect", dim, shape.length), indices).apply(this);
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf tensor as a parameter to differentiate with respect to; returns this. */
  public Tensor requiresGrad(boolean requires) {
    if (gradFn != null) {
      throw new IllegalStateException("requiresGrad: only leaf tensors can change it; this one was made by "
          + gradFn.name() + " (use detach() to get a leaf)");
    }
    this.requiresGrad = requires;
    return this;
  }

  /**
   * The accumulated gradient, empty until a backward pass reaches this leaf (PyTorch's {@code .grad} is None then) and
   * after {@code setGrad(null)}; a gradient read here is yours to keep (zeroGrad never reuses its storage).
   */
  public Optional<Tensor> grad() {
    return grad == null ? Optional.empty() : Optional.ofNullable(grad.read());
  }

  /** Replaces the gradient (null clears it, as the chapter's {@code p.grad = None}). */
  public void setGrad(Tensor newGrad) {
    if (grad != null || newGrad != null) LeafGradient.of(this).set(newGrad, shape);
  }

  /** Whether no op made this tensor (user-created, or detached). */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The op that made this tensor while recording; empty for a leaf. */
  public Optional<Function> gradFn() {
    return Optional.ofNullable(gradFn);
  }

  void setGradFn(Function fn) {
    this.gradFn = fn;
    this.requiresGrad = true;
  }

  /** Back-propagates from a one-element tensor (d this/d this = 1) into the leaves' {@link #grad()}. */
  public void backward() {
    BackwardEngine.runFromOne(this);
  }

  public void backward(Tensor gradient) {
    backward(gradient, false);
  }

  /** Back-propagates {@code gradient}; with {@code retainGraph} the graph can be traversed again. */
  public void backward(Tensor gradient, boolean retainGraph) {
    BackwardEngine.run(this, gradient, retainGraph);
  }

  /** The same storage, cut from the graph (a leaf that does not require grad); read-only if this is. */
  public Tensor detach() {
    return new Tensor(data, offset, shape, versionCounter, readOnlyReason);
  }

  /** A view whose in-place ops (and its views') throw an IllegalStateException: the op's name, then {@code reason}. */
  public Tensor readOnlyView(String reason) {
    if (reason == null || reason.isEmpty()) throw new IllegalArgumentException("readOnlyView: give a reason");
    return new Tensor(data, offset, shape, versionCounter, reason);
  }

  /** How many in-place ops changed this storage (through any view of it), like PyTorch's {@code _version}. */
  public int version() {
    return versionCounter[0];
  }

  /** A deep copy of the values, not connected to the graph. */
  public Tensor copy() {
    return new Tensor(toFloatArray(), 0, shape.clone());
  }

  Tensor viewOf(int newOffset, int[] newShape) {
    return new Tensor(data, newOffset, newShape, versionCounter, readOnlyReason);
  }

  /** Opens a scope in which ops record no graph: {@code try (NoGrad ignored = Tensor.noGrad()) { ... }}. */
  public static NoGrad noGrad() {
    return new NoGrad();
  }

  /** Whether ops on this thread currently record the graph. */
  public static boolean isGradEnabled() {
    return GradMode.isEnabled();
  }

  /** {@code this -= other} (broadcast to this shape). */
  public Tensor subInPlace(Tensor other) {
    InPlace.binary("subInPlace", BinaryOp.SUB, this, other);
    return this;
  }

  /** {@code this += other} (broadcast to this shape). */
  public Tensor addInPlace(Tensor other) {
    InPlace.binary("addInPlace", BinaryOp.ADD, this, other);
    return this;
  }

  /** {@code this += alpha * other} for same-shaped tensors, without a temporary. */
  public Tensor addInPlace(Tensor other, float alpha) {
    InPlace.addScaled(this, other, alpha);
    return this;
  }

  public Tensor mulInPlace(float value) {
    InPlace.scale(this, value);
    return this;
  }

  public Tensor fillInPlace(float value) {
    InPlace.fill(this, value);
    return this;
  }

  /** Copies {@code source}'s values (broadcast to this shape) into this tensor's storage. */
  public Tensor copyFrom(Tensor source) {
    InPlace.copy(this, source);
    return this;
  }
}
